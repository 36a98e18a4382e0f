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
  | { type: 'resumed'; session: CreateSessionResponse; status?: SessionStatus }
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

/** Statuses after which nothing changes any more: polling stops. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set<SessionStatus>(['COMPLETE', 'EXPIRED', 'INVALID']);

/** Final statuses that leave the customer without a usable link: the screen offers a new one. */
export const DEAD_STATUSES: ReadonlySet<string> = new Set<SessionStatus>(['EXPIRED', 'INVALID']);

/** PAVE re-sends a text only before the capture is under way (its v2 resend refuses after `QC_PASSED`). */
const RESENDABLE: ReadonlySet<string> = new Set<SessionStatus>(['IDLE', 'STARTED']);

export const idle = (mode: Delivery): State => ({ kind: 'idle', mode });

/** Whether the resend button shows for this state. */
export function canResend(state: State): boolean {
  return (
    state.kind === 'sms' && state.tracking === 'on' && state.resend.kind !== 'hidden' && state.resend.kind !== 'sent' && (!state.status || RESENDABLE.has(state.status))
  );
}

function handoff(session: CreateSessionResponse): State {
  const common = { session, tracking: 'pending' as const };
  return session.delivery === 'sms' ? { kind: 'sms', ...common, resend: { kind: 'ready' } } : { kind: 'link', ...common };
}

/**
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
      return state.kind === 'idle' ? { ...handoff(action.session), ...(action.status ? { status: action.status } : {}) } : state;
    case 'choose':
    case 'restart':
      return state.kind === 'sending' ? state : idle(action.mode);
    case 'tracked': {
      if (state.kind !== 'link' && state.kind !== 'sms') return state;
      const { lost: _answered, ...tracked } = state;
      return { ...tracked, status: action.status, tracking: 'on' };
    }
    case 'status-lost':
      return state.kind === 'link' || state.kind === 'sms' ? { ...state, lost: true } : state;
    case 'renew':
      return (state.kind === 'link' || state.kind === 'sms') && DEAD_STATUSES.has(state.status ?? '') ? { kind: 'sending', mode: state.session.delivery } : state;
    case 'untracked':
      return state.kind === 'link' || state.kind === 'sms' ? { ...state, tracking: 'off' } : state;
    case 'resend':
      return state.kind === 'sms' && canResend(state) && state.resend.kind !== 'sending'
        ? { ...state, resend: { kind: 'sending' } }
        : state;
    case 'resent':
      return state.kind === 'sms' && state.resend.kind === 'sending' ? { ...state, resend: { kind: 'sent', smsTo: action.smsTo } } : state;
    case 'resend-failed':
      if (state.kind !== 'sms' || state.resend.kind !== 'sending') return state;
      return { ...state, resend: action.hide ? { kind: 'hidden' } : { kind: 'refused', message: action.message } };
  }
}
