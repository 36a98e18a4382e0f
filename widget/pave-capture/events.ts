/**
 * The element's DOM events: typed, bubbling and composed, so a dealer's page can listen on `document`.
 * Registered in `GlobalEventHandlersEventMap` so `addEventListener('pave-error', e => e.detail.code)` type-checks.
 */
import type { Delivery, SessionStatus } from '../../contract/schema.ts';
import type { WidgetErrorCode } from '../net/error.ts';

export interface SessionCreatedDetail {
  session_key: string;
  capture_url: string;
  delivery: Delivery;
}
export interface SmsSentDetail {
  session_key: string;
  /** Masked destination, e.g. "+1 ••• ••• 4567". */
  sms_to: string;
}
export interface ErrorDetail {
  code: WidgetErrorCode;
  message: string;
}
/** The widget's states, as `pave-state-change` and the `state` property name them. */
export type WidgetStateName = 'idle' | 'sending' | 'error' | 'link' | 'sms';
export interface StateChangeDetail {
  from: WidgetStateName;
  to: WidgetStateName;
}
export interface SessionStatusDetail {
  session_key: string;
  /** PAVE's status: `IDLE`, `STARTED`, `PROCESS`, `QC_PASSED`, `CONFIRM`, `COMPLETE`, `EXPIRED` or `INVALID`. */
  status: SessionStatus;
}

const init = { bubbles: true, composed: true } as const;

/** A session exists: its capture link is shown, or was texted. */
export class PaveSessionCreatedEvent extends CustomEvent<SessionCreatedDetail> {
  constructor(detail: SessionCreatedDetail) {
    super('pave-session-created', { ...init, detail });
  }
}

/** PAVE was asked to text the capture link. */
export class PaveSmsSentEvent extends CustomEvent<SmsSentDetail> {
  constructor(detail: SmsSentDetail) {
    super('pave-sms-sent', { ...init, detail });
  }
}

/** A request failed; `detail.code` is one of the signer's codes, `network_error` or `bad_response`. */
export class PaveErrorEvent extends CustomEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('pave-error', { ...init, detail });
  }
}

/** The widget moved between states (`idle`, `sending`, `error`, `link`, `sms`). */
export class PaveStateChangeEvent extends CustomEvent<StateChangeDetail> {
  constructor(detail: StateChangeDetail) {
    super('pave-state-change', { ...init, detail });
  }
}

/** The session's progress changed (the customer opened the link, sent photos, finished), as the signer reports it. */
export class PaveSessionStatusEvent extends CustomEvent<SessionStatusDetail> {
  constructor(detail: SessionStatusDetail) {
    super('pave-session-status', { ...init, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pave-session-created': PaveSessionCreatedEvent;
    'pave-sms-sent': PaveSmsSentEvent;
    'pave-error': PaveErrorEvent;
    'pave-state-change': PaveStateChangeEvent;
    'pave-session-status': PaveSessionStatusEvent;
  }
}
