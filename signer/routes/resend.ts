/**
 * `POST /v1/sessions/:key/resend` → `{sms_to}`: PAVE's v2 resend for a session this signer created,
 * with the same ticket rule as status. An optional `{"phone": …}` texts a corrected number instead
 * (checked like a create's). PAVE allows one resend per session, within seven days and before
 * `QC_PASSED`; when it refuses, the answer is `409 resend_not_allowed`. PAVE keeps those rules: the
 * signer does not repeat them.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ResendRequest, toIssues, type ResendResponse } from '../../contract/schema.ts';
import { errorResponse, invalidField, SignerError } from '../errors.ts';
import { readJson } from '../http/body.ts';
import { annotate, timeUpstream } from '../http/request-log.ts';
import { SESSION_KEY_PATTERN } from '../pave/types.ts';
import { maskE164, toTextablePhone } from '../policy/textable-phone.ts';
import type { RouteContext } from './create.ts';
import { bearerTicket } from '../policy/ticket.ts';
import { unknownSession, upstreamFailure } from '../policy/upstream-outcome.ts';

const MAX_RESEND_BODY_BYTES = 1024;

export function resendRoute({ deps, registry }: RouteContext): Hono {
  return new Hono().post(
    '/:key/resend',
    bodyLimit({
      maxSize: MAX_RESEND_BODY_BYTES,
      onError: () => errorResponse(new SignerError('payload_too_large', `The request body must be at most ${MAX_RESEND_BODY_BYTES} bytes.`)),
    }),
    async (c) => {
      const key = c.req.param('key');
      const owner = SESSION_KEY_PATTERN.test(key)
        ? await registry.ownerOf(c.req.header('Origin') ?? '', key, bearerTicket(c.req.header('Authorization')))
        : undefined;
      if (!owner) throw unknownSession();
      const { site, pave } = owner;
      annotate(c, { site: site.id, session_key: key, delivery: 'sms' });

      // No body (or `{}`) resends to the number of the first text; `{"phone": …}` changes it.
      const hasBody = (await c.req.text()).trim() !== '';
      const parsed = ResendRequest.safeParse(hasBody ? await readJson(c) : {});
      if (!parsed.success) {
        throw new SignerError('invalid_request', 'Please correct the highlighted fields.', { issues: toIssues(parsed.error.issues) });
      }

      let destination: { e164: string; callingCode: string };
      if (parsed.data.phone) {
        const phone = toTextablePhone(parsed.data.phone, { defaultCountry: site.defaultCountry, allowedCountries: site.smsCountries });
        if (!phone.ok) throw invalidField('phone', phone.message);
        destination = phone;
      } else {
        const session = await timeUpstream(c, () => pave.getSession(key));
        if (!session.ok) throw upstreamFailure(session, 'status');
        const first = session.value.options?.sms?.to;
        // The number PAVE holds was checked when it was sent; any format PAVE keeps is read with the site's country.
        const phone = first ? toTextablePhone(first, { defaultCountry: site.defaultCountry, allowedCountries: site.smsCountries }) : undefined;
        if (!phone?.ok) throw new SignerError('resend_not_allowed', 'This inspection link was not sent by text, so it cannot be texted again.');
        destination = phone;
      }
      const smsTo = maskE164(destination.e164, destination.callingCode);
      annotate(c, { phone: smsTo });

      await deps.admit?.({ kind: 'resend', site, delivery: 'sms', phone: destination.e164, sessionKey: key, ip: deps.clientIp?.(c), headers: c.req.raw.headers });
      const outcome = await timeUpstream(c, () => pave.resendSms(key, parsed.data.phone ? { phone: destination.e164 } : {}));
      if (!outcome.ok) throw upstreamFailure(outcome, 'resend');

      const body: ResendResponse = { sms_to: smsTo };
      return c.json(body);
    },
  );
}
