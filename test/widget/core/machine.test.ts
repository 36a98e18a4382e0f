import { describe, expect, it } from 'vitest';
import { canResend, FINAL_STATUSES, nextHandoff } from '../../../widget/core/handoff-machine.ts';
import { idle, next as formNext, type Action, type State } from '../../../widget/core/machine.ts';

/** The whole machine: the form's part, then the hand-off's. */
const next = (state: State, action: Action) => nextHandoff(formNext(state, action), action);

const session = { session_key: 'DMO-AAAAAAAAAA', capture_url: 'https://demo.vehiclecapture.com/DMO-AAAAAAAAAA', delivery: 'link' as const, ticket: 't' };
const texted = { ...session, delivery: 'sms' as const, sms_to: '+1 ••• ••• 1234' };
const error = { code: 'upstream_error' as const, message: 'down', issues: [] };
const sending: Extract<State, { kind: 'sending' }> = { kind: 'sending', mode: 'link' };
const sms: State = { kind: 'sms', session: texted, tracking: 'on', status: 'IDLE', resend: { kind: 'ready' } };

describe('widget state machine', () => {
  it('goes idle → sending → link, tracking pending until the signer answers', () => {
    const s1 = next(idle('link'), { type: 'submit' });
    expect(s1).toEqual(sending);
    expect(next(s1, { type: 'created', session })).toEqual({ kind: 'link', session, tracking: 'pending' });
  });

  it('goes to sms when the session was texted, with resend ready', () => {
    expect(next({ ...sending, mode: 'sms' }, { type: 'created', session: texted })).toEqual({
      kind: 'sms',
      session: texted,
      tracking: 'pending',
      resend: { kind: 'ready' },
    });
  });

  it('keeps one request in flight: a second submit changes nothing', () => {
    expect(next(sending, { type: 'submit' })).toBe(sending);
    expect(next(sending, { type: 'choose', mode: 'sms' })).toBe(sending);
    expect(next(sending, { type: 'configure', mode: 'sms' })).toBe(sending);
  });

  it('lets the customer retry after an error, in the same mode', () => {
    const failed = next({ ...sending, mode: 'sms' }, { type: 'failed', error });
    expect(failed).toEqual({ kind: 'error', mode: 'sms', error });
    expect(next(failed, { type: 'submit' })).toEqual({ kind: 'sending', mode: 'sms' });
  });

  it('ignores late results and restarts only from a settled state', () => {
    expect(next(idle('link'), { type: 'created', session })).toEqual(idle('link'));
    expect(next(idle('link'), { type: 'failed', error })).toEqual(idle('link'));
    expect(next(sending, { type: 'restart', mode: 'link' })).toBe(sending);
    expect(next(sms, { type: 'restart', mode: 'link' })).toEqual(idle('link'));
  });

  it('switches delivery: text it instead, change number, back to the QR code', () => {
    expect(next({ kind: 'link', session, tracking: 'on' }, { type: 'choose', mode: 'sms' })).toEqual(idle('sms'));
    expect(next(sms, { type: 'choose', mode: 'sms' })).toEqual(idle('sms'));
    expect(next(idle('sms'), { type: 'choose', mode: 'link' })).toEqual(idle('link'));
    expect(next(idle('link'), { type: 'configure', mode: 'sms' })).toEqual(idle('sms'));
  });

  it('follows the delivery attribute from a failed form too, keeping the error on screen', () => {
    const failed: State = { kind: 'error', mode: 'link', error };
    expect(next(failed, { type: 'configure', mode: 'sms' })).toEqual({ kind: 'error', mode: 'sms', error });
    expect(next(sms, { type: 'configure', mode: 'link' })).toBe(sms);
  });

  it('resumes a remembered session only from an untouched form', () => {
    expect(next(idle('link'), { type: 'resumed', session: texted }).kind).toBe('sms');
    expect(next(sending, { type: 'resumed', session: texted })).toBe(sending);
    expect(next(idle('link'), { type: 'resumed', session })).toEqual({ kind: 'link', session, tracking: 'pending' });
  });

  it('follows the status, and stops tracking when the signer cannot', () => {
    const link: State = { kind: 'link', session, tracking: 'pending' };
    expect(next(link, { type: 'tracked', status: 'STARTED' })).toEqual({ ...link, tracking: 'on', status: 'STARTED' });
    expect(next(link, { type: 'untracked' })).toEqual({ ...link, tracking: 'off' });
    expect(next(idle('link'), { type: 'tracked', status: 'STARTED' })).toEqual(idle('link'));
  });

  it('resends once at a time, once only (PAVE resends once), hides for an older signer', () => {
    const resending = next(sms, { type: 'resend' });
    expect(resending).toMatchObject({ resend: { kind: 'sending' } });
    expect(next(resending, { type: 'resend' })).toBe(resending);
    const sent = next(resending, { type: 'resent', smsTo: '+1 ••• ••• 1234' });
    expect(sent).toMatchObject({ resend: { kind: 'sent', smsTo: '+1 ••• ••• 1234' } });
    expect(next(sent, { type: 'resend' })).toBe(sent);
    expect(canResend(sent)).toBe(false);
    expect(next(resending, { type: 'resend-failed', hide: false, message: 'no' })).toMatchObject({ resend: { kind: 'refused', message: 'no' } });
    const hidden = next(resending, { type: 'resend-failed', hide: true, message: 'gone' });
    expect(canResend(hidden)).toBe(false);
  });

  it('forgets "status unknown" at the next answer', () => {
    const lost = next({ kind: 'link', session, tracking: 'on', status: 'IDLE' }, { type: 'status-lost' });
    expect(lost).toMatchObject({ lost: true });
    expect(next(lost, { type: 'tracked', status: 'STARTED' })).toEqual({ kind: 'link', session, tracking: 'on', status: 'STARTED' });
  });

  it('renews only a session that can no longer be used, as a create of the same delivery', () => {
    expect(next({ ...sms, status: 'EXPIRED' }, { type: 'renew' })).toEqual({ kind: 'sending', mode: 'sms' });
    expect(next({ kind: 'link', session, tracking: 'on', status: 'INVALID' }, { type: 'renew' })).toEqual(sending);
    expect(next(sms, { type: 'renew' })).toBe(sms);
    expect(next({ ...sms, status: 'COMPLETE' }, { type: 'renew' })).toEqual({ ...sms, status: 'COMPLETE' });
  });

  it('offers resend unless the signer cannot track the session (from the first render: no button appears later) and while PAVE would still text it', () => {
    expect(canResend(sms)).toBe(true);
    expect(canResend({ ...sms, tracking: 'pending' })).toBe(true);
    expect(canResend({ ...sms, tracking: 'off' })).toBe(false);
    expect(canResend({ ...sms, status: 'STARTED' })).toBe(true);
    expect(canResend({ ...sms, status: 'QC_PASSED' })).toBe(false);
    expect(canResend({ ...sms, status: 'EXPIRED' })).toBe(false);
    expect(canResend({ kind: 'link', session, tracking: 'on' })).toBe(false);
  });
});

describe('the hand-off part, state by state', () => {
  const link: State = { kind: 'link', session, tracking: 'pending' };

  it('tracks, loses and stops tracking a texted session as it does a shown link', () => {
    expect(next({ ...sms, tracking: 'pending', lost: true } as State, { type: 'tracked', status: 'STARTED' })).toEqual({ ...sms, status: 'STARTED' });
    expect(next(sms, { type: 'status-lost' })).toEqual({ ...sms, lost: true });
    expect(next(link, { type: 'status-lost' })).toEqual({ ...link, lost: true });
    expect(next(sms, { type: 'untracked' })).toEqual({ ...sms, tracking: 'off' });
    expect(next(link, { type: 'untracked' })).toEqual({ ...link, tracking: 'off' });
    for (const state of [idle('sms'), sending] as State[]) {
      for (const action of [{ type: 'tracked', status: 'STARTED' }, { type: 'status-lost' }, { type: 'untracked' }] as Action[]) {
        expect(nextHandoff(state, action), `${action.type} in ${state.kind}`).toBe(state);
      }
    }
  });

  it('takes a resend’s answer only while one is being sent', () => {
    for (const resend of [{ kind: 'ready' }, { kind: 'hidden' }, { kind: 'refused', message: 'no' }, { kind: 'sent', smsTo: 'x' }] as const) {
      const state = { ...sms, resend } as State;
      expect(nextHandoff(state, { type: 'resent', smsTo: '+1 ••• ••• 9999' }), resend.kind).toBe(state);
      expect(nextHandoff(state, { type: 'resend-failed', message: 'no', hide: false }), resend.kind).toBe(state);
      expect(nextHandoff(state, { type: 'resend-failed', message: 'no', hide: true }), resend.kind).toBe(state);
    }
    const sendingResend = { ...sms, resend: { kind: 'sending' } } as State;
    expect(nextHandoff(sendingResend, { type: 'resent', smsTo: '+1 ••• ••• 9999' })).toEqual({ ...sms, resend: { kind: 'sent', smsTo: '+1 ••• ••• 9999' } });
    expect(nextHandoff(sendingResend, { type: 'resend-failed', message: 'no', hide: true })).toEqual({ ...sms, resend: { kind: 'hidden' } });
  });

  it('stops polling at COMPLETE, EXPIRED and INVALID only', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['COMPLETE', 'EXPIRED', 'INVALID']);
  });
});
