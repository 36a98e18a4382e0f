/**
 * "Resend text" on the texted hand-off: asks the signer with the session's ticket, is gone once used (PAVE
 * resends once), hides for a signer without the route, and says why when PAVE refuses.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaveCapture } from '../../../widget/index.ts';
import { en } from '../../../widget/strings/index.ts';
import { failure, fakeSigner, json, mount, part, recordEvents, session, settled, submit, type Routes } from './fixture.ts';

const resendButton = (element: PaveCapture) =>
  [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('.result button')].find((button) => button.textContent === en.resend);

/** A texted session on screen, tracked (so resend is offered). */
async function texted(resend: Routes['resend']) {
  const created = session('sms');
  const signer = fakeSigner({ create: json(201, created), status: json(200, { status: 'IDLE', updated_at: null }), resend });
  const element = await mount({ delivery: 'sms', phone: '+16474551234' });
  await submit(element);
  expect(resendButton(element)?.disabled).toBe(false);
  return { created, signer, element };
}

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));

describe('resend', () => {
  it('texts the link again, says so for a few seconds, and is gone once used', async () => {
    const events = recordEvents('pave-sms-sent');
    const { created, signer, element } = await texted(json(200, { sms_to: '+1 ••• ••• 9876' }));
    resendButton(element)!.click();
    await settled(element);
    const resent = signer.sent.find((request) => request.path.endsWith('/resend'))!;
    expect(resent.method).toBe('POST');
    expect(resent.path).toBe(`/v1/sessions/${created.session_key}/resend`);
    expect(resent.headers.get('Authorization')).toBe(`Bearer ${created.ticket}`);
    expect(element.shadowRoot!.textContent).toContain(en.resent('•••-•••-9876'));
    expect(events.of('pave-sms-sent').at(-1)).toEqual({ session_key: created.session_key, sms_to: '+1 ••• ••• 9876' });
    expect(resendButton(element)).toBeUndefined();
    expect(element.shadowRoot!.activeElement).toBe(part(element, '.title'));
    await vi.advanceTimersByTimeAsync(5_000);
    await settled(element);
    expect(element.shadowRoot!.textContent).not.toContain(en.resent('•••-•••-9876'));
    expect(resendButton(element)).toBeUndefined();
  });

  it('hides the button for a signer without the route (404), quietly', async () => {
    const errors = recordEvents('pave-error');
    const { element } = await texted(undefined);
    resendButton(element)!.click();
    await settled(element);
    expect(resendButton(element)).toBeUndefined();
    expect(errors.log).toEqual([]);
  });

  it('says why when PAVE will not text it again, and tells the page', async () => {
    const errors = recordEvents('pave-error');
    const { element } = await texted(failure(409, 'resend_not_allowed'));
    resendButton(element)!.click();
    await settled(element);
    expect(part(element, '.result [role=alert]')!.textContent).toBe(en.errors.resend_not_allowed);
    expect(errors.of('pave-error')).toEqual([{ code: 'resend_not_allowed', message: 'The signer says resend_not_allowed.' }]);
  });
});
