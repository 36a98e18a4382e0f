/**
 * `POST /v1/sessions/:key/resend` → `{sms_to}`: PAVE's v2 resend for a session this signer created, with
 * the same ticket rule as status. An optional `{"phone": …}` texts a corrected number instead. PAVE re-sends
 * once per session, within 7 days, not after `QC_PASSED`; when it refuses, the answer is
 * `409 resend_not_allowed`. PAVE keeps those rules: the signer does not check the session's status or age
 * itself, it passes PAVE's refusal on.
 *
 * A resend is a paid text, so it is counted like one: the caller's follow-up ceiling first (`followUpGate`,
 * in `app.ts`), then — the body checked — the session's resend ceiling, both before PAVE is asked
 * anything; then, once PAVE said which number the session was texted to, `admit` with every ceiling of a
 * text (the caller's, the number's, the site's texts per minute and per day) and, for a number the session
 * was not texted to, the bot check a create would run.
 */
import type { Handler } from 'hono';
import { ResendRequest, type ResendResponse } from '../../contract/schema.ts';
import { sessionCheck } from '../defences/limits.ts';
import { invalidField, resendWithoutText } from '../errors.ts';
import { parsed, readJson } from '../http/body.ts';
import { annotate, timeUpstream } from '../http/request-log.ts';
import { maskE164, toTextablePhone } from '../policy/textable-phone.ts';
import { upstreamFailure } from '../policy/upstream-outcome.ts';
import { sessionOwner, type RouteContext } from './context.ts';

/** A resend body is at most a phone number. */
export const MAX_RESEND_BODY_BYTES = 1024;

/** @example app.post('/v1/sessions/:key/resend', followUpGate(…), limitBody(MAX_RESEND_BODY_BYTES), resendSms(context)) */
export function resendSms({ registry, admit, limiter, paveSlots, clientIp }: RouteContext): Handler {
  return async (c) => {
    const { key, site, pave } = await sessionOwner(c, registry);
    annotate(c, { site: site.id, session_key: key, delivery: 'sms' });

    // No body (or `{}`) resends to the number of the first text; `{"phone": …}` changes it.
    const hasBody = (await c.req.text()).trim() !== '';
    const request = parsed(ResendRequest, hasBody ? await readJson(c) : {});
    const corrected = request.phone === undefined ? undefined : toTextablePhone(request.phone, site);
    if (corrected && !corrected.ok) throw invalidField(corrected.issue);

    await limiter.enforce([sessionCheck('resend', site, key)], { site: site.id });
    return paveSlots(site.id).run(async () => {
      const session = await timeUpstream(c, () => pave.getSession(key));
      if (!session.ok) throw upstreamFailure(session, 'status');
      const first = session.value.options?.sms?.to;
      // The number PAVE holds was checked when it was sent; any format PAVE keeps is read with the site's country.
      const texted = first ? toTextablePhone(first, site) : undefined;
      const original = texted?.ok ? texted : undefined;
      const destination = corrected ?? original;
      if (!destination) throw resendWithoutText();
      const smsTo = maskE164(destination.e164, destination.callingCode);
      annotate(c, { phone: smsTo });

      await admit({
        kind: 'resend',
        site,
        delivery: 'sms',
        phone: destination.e164,
        sessionKey: key,
        newNumber: destination.e164 !== original?.e164,
        ip: clientIp?.(c),
        headers: c.req.raw.headers,
      });
      const outcome = await timeUpstream(c, () => pave.resendSms(key, corrected ? { phone: destination.e164 } : {}));
      if (!outcome.ok) throw upstreamFailure(outcome, 'resend');

      const body: ResendResponse = { sms_to: smsTo };
      return c.json(body);
    });
  };
}
