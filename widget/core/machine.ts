/**
 * The widget's state: a closed union moved only by the pure `next(state, action)`.
 * The element renders it with one `switch`; nothing else decides what is on screen.
 */
import type { CreateSessionResponse, Delivery, SessionStatus } from '../../contract/schema.ts';
import type { WidgetError } from '../net/error.ts';

/**
 * Whether the signer reports the session's progress: `pending` until its first answer, `off` for a signer
 * without the status route (an older one) or when it no longer knows the session.
 */
type Tracking = 'pending' | 'on' | 'off';

/** The "resend" button: `hidden` when the signer has no resend route; `sent` once used (PAVE resends once). */
export type Resend =
  | { kind: 'ready' }
  | { kind: 'sending' }
  | { kind: 'sent'; smsTo: string }
  | { kind: 'refused'; message: string }
  | { kind: 'hidden' };

/** A session the customer holds: its link on screen (`link`) or in their texts (`sms`). */
export interface Handoff {
  session: CreateSessionResponse;
  status?: SessionStatus;
  tracking: Tracking;
  /** Several status checks in a row failed: the progress is not known right now. */
  lost?: boolean;
}

/** `mode` is the delivery the form will ask for: the `delivery` attribute, or the customer's switch under `auto`. */
export type State =
  | { kind: 'idle'; mode: Delivery }
  | { kind: 'sending'; mode: Delivery }
  | { kind: 'error'; mode: Delivery; error: WidgetError }
  | ({ kind: 'link' } & Handoff)
  | ({ kind: 'sms'; resend: Resend } & Handoff);

export type Action =
  /** The `delivery` attribute changed: only a form that is not sending follows it. */
  | { type: 'configure'; mode: Delivery }
  /** The form was sent; which Idempotency-Key it carries is `submission.ts`'s business, not the screen's. */
  | { type: 'submit' }
  | { type: 'created'; session: CreateSessionResponse }
  | { type: 'failed'; error: WidgetError }
  /** A session remembered from an earlier visit (see `resume.ts`). */
  | { type: 'resumed'; session: CreateSessionResponse }
  /** Back to the form for another delivery: "text it to me instead", "change number", "use a QR code instead". */
  | { type: 'choose'; mode: Delivery }
  | { type: 'restart'; mode: Delivery }
  | { type: 'tracked'; status: SessionStatus }
  | { type: 'untracked' }
  /** Status checks keep failing (a stopped signer): say so rather than "waiting" forever. */
  | { type: 'status-lost' }
  /** "Get a new link" on an expired or unusable session: a fresh create, as a submit of the same form. */
  | { type: 'renew' }
  | { type: 'resend' }
  | { type: 'resent'; smsTo: string }
  | { type: 'resend-failed'; message: string; hide: boolean };

export const idle = (mode: Delivery): State => ({ kind: 'idle', mode });

function handoff(session: CreateSessionResponse): State {
  const common = { session, tracking: 'pending' as const };
  return session.delivery === 'sms' ? { kind: 'sms', ...common, resend: { kind: 'ready' } } : { kind: 'link', ...common };
}

/**
 * The form's part of the machine (what every page loads); the hand-off's actions leave the state as it is here
 * and are `nextHandoff`'s (`handoff-machine.ts`). The whole machine is `nextHandoff(next(state, action), action)`.
 * @example next(idle('link'), { type: 'submit' }) // { kind: 'sending', mode: 'link' }
 */
export function next(state: State, action: Action): State {
  switch (action.type) {
    case 'configure':
      return state.kind === 'idle' || state.kind === 'error' ? { ...state, mode: action.mode } : state;
    case 'submit':
      // One request in flight, and none once a session exists.
      return state.kind === 'idle' || state.kind === 'error' ? { kind: 'sending', mode: state.mode } : state;
    case 'created':
      return state.kind === 'sending' ? handoff(action.session) : state;
    case 'failed':
      return state.kind === 'sending' ? { kind: 'error', mode: state.mode, error: action.error } : state;
    case 'resumed':
      return state.kind === 'idle' ? handoff(action.session) : state;
    case 'choose':
    case 'restart':
      return state.kind === 'sending' ? state : idle(action.mode);
    default:
      // The hand-off's own actions (status, resend, renew): `handoff-machine.ts`, fetched with its screens.
      return state;
  }
}
