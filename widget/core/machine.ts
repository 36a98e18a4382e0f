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

/** The "resend" button: `hidden` when the signer has no resend route or the session is past texting. */
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
  | { type: 'resend' }
  | { type: 'resent'; smsTo: string }
  | { type: 'resend-failed'; message: string; hide: boolean }
  | { type: 'resend-ready' };

/** Statuses after which nothing changes any more: polling stops. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set<SessionStatus>(['COMPLETE', 'EXPIRED', 'INVALID']);

/** After a resend, the button rests this long (then `resend-ready`): PAVE texts once per request, people press twice. */
export const RESEND_REST_MS = 30_000;

/** PAVE re-sends a text only before the capture is under way (its v2 resend refuses after `QC_PASSED`). */
const RESENDABLE: ReadonlySet<string> = new Set<SessionStatus>(['IDLE', 'STARTED']);

export const idle = (mode: Delivery): State => ({ kind: 'idle', mode });

/** Whether the resend button shows for this state. */
export function canResend(state: State): boolean {
  return state.kind === 'sms' && state.tracking === 'on' && state.resend.kind !== 'hidden' && (!state.status || RESENDABLE.has(state.status));
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
      return state.kind === 'idle' ? handoff(action.session) : state;
    case 'choose':
    case 'restart':
      return state.kind === 'sending' ? state : idle(action.mode);
    case 'tracked':
      return state.kind === 'link' || state.kind === 'sms' ? { ...state, status: action.status, tracking: 'on' } : state;
    case 'untracked':
      return state.kind === 'link' || state.kind === 'sms' ? { ...state, tracking: 'off' } : state;
    case 'resend':
      return state.kind === 'sms' && canResend(state) && state.resend.kind !== 'sending' && state.resend.kind !== 'sent'
        ? { ...state, resend: { kind: 'sending' } }
        : state;
    case 'resent':
      return state.kind === 'sms' && state.resend.kind === 'sending' ? { ...state, resend: { kind: 'sent', smsTo: action.smsTo } } : state;
    case 'resend-failed':
      if (state.kind !== 'sms' || state.resend.kind !== 'sending') return state;
      return { ...state, resend: action.hide ? { kind: 'hidden' } : { kind: 'refused', message: action.message } };
    case 'resend-ready':
      return state.kind === 'sms' && state.resend.kind === 'sent' ? { ...state, resend: { kind: 'ready' } } : state;
  }
}
