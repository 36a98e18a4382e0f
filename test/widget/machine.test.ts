import { describe, expect, it } from 'vitest';
import { initialState, next, type State } from '../../widget/machine.ts';

const session = { session_key: 'DMO-AAAAAAAAAA', capture_url: 'https://demo.vehiclecapture.com/DMO-AAAAAAAAAA', delivery: 'link' as const, ticket: 't' };
const error = { code: 'upstream_error' as const, message: 'down', issues: [] };
const sending: State = { kind: 'sending', delivery: 'link', idempotencyKey: 'k1' };

describe('widget state machine', () => {
  it('goes idle → sending → link', () => {
    const s1 = next(initialState, { type: 'submit', delivery: 'link', idempotencyKey: 'k1' });
    expect(s1).toEqual(sending);
    expect(next(s1, { type: 'created', session })).toEqual({ kind: 'link', session });
  });

  it('goes to sms when the session was texted', () => {
    const texted = { ...session, delivery: 'sms' as const, sms_to: '+1 ••• ••• 1234' };
    expect(next(sending, { type: 'created', session: texted })).toEqual({ kind: 'sms', session: texted });
  });

  it('keeps one request in flight: a second submit changes nothing', () => {
    expect(next(sending, { type: 'submit', delivery: 'sms', idempotencyKey: 'k2' })).toBe(sending);
  });

  it('lets the customer retry after an error', () => {
    const failed = next(sending, { type: 'failed', error });
    expect(failed).toEqual({ kind: 'error', error });
    expect(next(failed, { type: 'submit', delivery: 'link', idempotencyKey: 'k1' }).kind).toBe('sending');
  });

  it('ignores late results and restarts only from a settled state', () => {
    expect(next(initialState, { type: 'created', session })).toBe(initialState);
    expect(next(initialState, { type: 'failed', error })).toBe(initialState);
    expect(next(sending, { type: 'restart' })).toBe(sending);
    expect(next({ kind: 'link', session }, { type: 'restart' })).toEqual(initialState);
  });
});
