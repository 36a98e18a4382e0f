/**
 * The element's hand-off behaviour, fetched on demand with its screens (`../on-demand/handoff.ts`): the
 * session tracker's answers turned into state, events and the remembered status; "Resend text" and "Copy
 * link". The element keeps its state and its event classes (the ones pages import): it hands them over.
 */
import type { ReactiveControllerHost } from 'lit';
import { FINAL_STATUSES } from '../core/handoff-machine.ts';
import type { Action, State } from '../core/machine.ts';
import { pageStorage, recallStatus, rememberStatus } from '../core/resume.ts';
import type { WidgetError } from '../net/error.ts';
import type { FormStrings } from '../strings/language.ts';
import { complete } from '../strings/messages.ts';
import type * as Events from './events.ts';
import { copyLink, resend } from './handoff-actions.ts';
import { trackSession } from './session-tracker.ts';
import { adoptHandoffStyles } from './handoff.styles.ts';

const NOTICE_MS = 4_000; // how long a notice ("Link copied.") stays

/** The element, as its hand-off sees it. */
interface HandoffHost extends ReactiveControllerHost, HTMLElement {
  signer: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What the element hands over: its state and actions on it, its words, its event classes. */
export interface Wiring {
  state: () => State;
  dispatch: (action: Action) => void;
  strings: () => FormStrings;
  /** Shows a notice (the element clears it when its screen changes). */
  notify: (notice: string) => void;
  focus: (selector: string) => void;
  /** The remembered session's entry (`resumeKey`). */
  storageKey: () => string;
  events: Pick<typeof Events, 'PaveSessionStatusEvent' | 'PaveSmsSentEvent' | 'PaveErrorEvent'>;
}

/**
 * Joins the session tracker to the element and answers its two network actions.
 * @example const { resend, copy } = wire(this, { state: () => this.current, … })
 */
export function wire(host: HandoffHost, w: Wiring) {
  const { PaveSessionStatusEvent, PaveSmsSentEvent, PaveErrorEvent } = w.events;
  /** A notice goes by itself after a few seconds ("Link copied."), unless `lasting`. */
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const notify = (notice: string, lasting = false) => {
    w.notify(notice);
    clearTimeout(noticeTimer);
    if (!lasting) noticeTimer = setTimeout(() => w.notify(''), NOTICE_MS);
  };
  adoptHandoffStyles(host.renderRoot);
  // A session resumed once its inspection was complete: the thank-you screen again, and no polling.
  const resumed = w.state();
  if ((resumed.kind === 'link' || resumed.kind === 'sms') && !resumed.status && recallStatus(pageStorage(), w.storageKey()) === 'COMPLETE') {
    w.dispatch({ type: 'tracked', status: 'COMPLETE' });
  }
  trackSession(host, {
    handoff: () => {
      const s = w.state();
      return s.kind === 'link' || s.kind === 'sms' ? s : undefined;
    },
    onStatus: (session, status, changed) => {
      w.dispatch({ type: 'tracked', status });
      if (changed) host.dispatchEvent(new PaveSessionStatusEvent({ session_key: session.session_key, status }));
      rememberStatus(pageStorage(), w.storageKey(), session, status, Date.now());
      if (changed && FINAL_STATUSES.has(status)) w.focus('.title');
    },
    onUntracked: () => w.dispatch({ type: 'untracked' }),
    onLost: () => w.dispatch({ type: 'status-lost' }),
  });
  return {
    resend: () => {
      const s = w.state();
      return resend({
        state: w.state,
        signer: host.signer,
        strings: complete(w.strings()),
        dispatch: w.dispatch,
        notify: (notice) => notify(notice),
        sent: (sms_to) => s.kind === 'sms' && host.dispatchEvent(new PaveSmsSentEvent({ session_key: s.session.session_key, sms_to })),
        failed: ({ code, message }: WidgetError) => host.dispatchEvent(new PaveErrorEvent({ code, message })),
        focus: w.focus,
      });
    },
    copy: async (url: string) => {
      const t = complete(w.strings());
      if (await copyLink(url, host.renderRoot.querySelector('.link'))) notify(t.copied);
      else notify(t.copyFailed, true);
    },
  };
}
