/**
 * The widget's state: a closed union moved only by the pure `next(state, action)`.
 * The element renders it with one `switch`; nothing else decides what is on screen.
 */
import type { CreateSessionResponse, Delivery, ErrorIssue } from './contract.ts';
import type { WidgetErrorCode } from './events.ts';

export interface WidgetError {
  code: WidgetErrorCode;
  message: string;
  issues: ErrorIssue[];
}

export type State =
  | { kind: 'idle' }
  | { kind: 'sending'; delivery: Delivery; idempotencyKey: string }
  | { kind: 'link'; session: CreateSessionResponse }
  | { kind: 'sms'; session: CreateSessionResponse }
  | { kind: 'error'; error: WidgetError };

export type Action =
  | { type: 'submit'; delivery: Delivery; idempotencyKey: string }
  | { type: 'created'; session: CreateSessionResponse }
  | { type: 'failed'; error: WidgetError }
  | { type: 'restart' };

export const initialState: State = { kind: 'idle' };

/**
 * @example next({ kind: 'idle' }, { type: 'submit', delivery: 'link', idempotencyKey: 'k1' }) // { kind: 'sending', … }
 */
export function next(state: State, action: Action): State {
  switch (action.type) {
    case 'submit':
      // One request in flight, and none once a session exists.
      return state.kind === 'idle' || state.kind === 'error'
        ? { kind: 'sending', delivery: action.delivery, idempotencyKey: action.idempotencyKey }
        : state;
    case 'created':
      if (state.kind !== 'sending') return state;
      return action.session.delivery === 'sms' ? { kind: 'sms', session: action.session } : { kind: 'link', session: action.session };
    case 'failed':
      return state.kind === 'sending' ? { kind: 'error', error: action.error } : state;
    case 'restart':
      return state.kind === 'sending' ? state : initialState;
  }
}
