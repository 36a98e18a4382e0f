/**
 * The hand-off's part of the widget's state machine (`machine.ts`): the session's status as tracked, the
 * resend button's life. Pure, like the rest of the machine, and fetched on demand with the hand-off screens
 * (`../on-demand/handoff.ts`): these actions only happen once a session is on screen.
 */
import type { SessionStatus } from '../../contract/schema.ts';
import type { Action, State } from './machine.ts';

/** Statuses after which nothing changes any more: polling stops. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set<SessionStatus>(['COMPLETE', 'EXPIRED', 'INVALID']);

/** PAVE re-sends a text only before the capture is under way (its v2 resend refuses after `QC_PASSED`). */
/** Final statuses that leave the customer without a usable link: the screen offers a new one. */
const DEAD_STATUSES: ReadonlySet<string> = new Set<SessionStatus>(['EXPIRED', 'INVALID']);

const RESENDABLE: ReadonlySet<string> = new Set<SessionStatus>(['IDLE', 'STARTED']);

/**
 * Whether the resend button shows for this state: from the first render (while the first status check is
 * out, so the buttons do not move when it answers), until a signer without follow-up routes says so.
 */
export function canResend(state: State): boolean {
  return (
    state.kind === 'sms' && state.tracking !== 'off' && state.resend.kind !== 'hidden' && state.resend.kind !== 'sent' && (!state.status || RESENDABLE.has(state.status))
  );
}

/**
 * The hand-off's actions; any other leaves the state as it is (`next` of `machine.ts` has those).
 * @example nextHandoff(next(state, action), action) // the whole machine
 */
export function nextHandoff(state: State, action: Action): State {
  switch (action.type) {
    case 'tracked': {
      if (state.kind !== 'link' && state.kind !== 'sms') return state;
      const { lost: _answered, ...tracked } = state;
      return { ...tracked, status: action.status, tracking: 'on' };
    }
    case 'status-lost':
      return state.kind === 'link' || state.kind === 'sms' ? { ...state, lost: true } : state;
    case 'untracked':
      return state.kind === 'link' || state.kind === 'sms' ? { ...state, tracking: 'off' } : state;
    case 'renew':
      // A fresh create for an expired or unusable session (from its final screen): `sending` again, as a submit of the same form.
      return (state.kind === 'link' || state.kind === 'sms') && DEAD_STATUSES.has(state.status ?? '') ? { kind: 'sending', mode: state.session.delivery } : state;
    case 'resend':
      return state.kind === 'sms' && canResend(state) && state.resend.kind !== 'sending'
        ? { ...state, resend: { kind: 'sending' } }
        : state;
    case 'resent':
      return state.kind === 'sms' && state.resend.kind === 'sending' ? { ...state, resend: { kind: 'sent', smsTo: action.smsTo } } : state;
    case 'resend-failed':
      if (state.kind !== 'sms' || state.resend.kind !== 'sending') return state;
      return { ...state, resend: action.hide ? { kind: 'hidden' } : { kind: 'refused', message: action.message } };
    default:
      return state;
  }
}
