/**
 * The element's side of a session's progress, as a Lit reactive controller: while a hand-off shows a
 * session whose status can still change, polls the signer's status route with backoff
 * (`../core/poller.ts`), pauses while the tab is hidden, and stops when the session leaves the screen or
 * the element leaves the page. What a status means — the state, the event, the remembered session — stays
 * the element's: it hears of each answer. A closure rather than a class, like `form-fields.ts`: smaller
 * once minified.
 */
import type { ReactiveControllerHost } from 'lit';
import type { CreateSessionResponse, SessionStatus } from '../../contract/schema.ts';
import { FINAL_STATUSES } from '../core/handoff-machine.ts';
import type { Handoff } from '../core/machine.ts';
import { createPoller, type PollOutcome, type Poller } from '../core/poller.ts';
import { getStatus } from '../net/api.ts';

/** The element, as the tracker sees it. */
interface SessionTrackerHost extends ReactiveControllerHost, HTMLElement {
  /** Base URL of the signer. */
  signer: string;
}

interface SessionTrackerOptions {
  /** The hand-off on screen, if any: read after each render, and again when an answer arrives. */
  handoff: () => Handoff | undefined;
  /** The signer reported the session's status; `changed` when it is not the one on screen. */
  onStatus: (session: CreateSessionResponse, status: SessionStatus, changed: boolean) => void;
  /** The signer will not report this session: an older one without the route, or one that no longer knows it. */
  onUntracked: () => void;
  /** Several checks in a row failed (a stopped signer, no network): the progress is unknown for now. */
  onLost: () => void;
}

/** Failed checks in a row before the progress is said to be unknown. */
const LOST_AFTER = 3;

/**
 * Adds the session tracker to the element (a controller with no handle: it only follows what is on screen).
 * @example
 * trackSession(this, { handoff: () => …, onStatus: (session, status, changed) => …, onUntracked: () => … });
 */
export function trackSession(host: SessionTrackerHost, { handoff, onStatus, onUntracked, onLost }: SessionTrackerOptions): void {
  let poller: Poller | undefined;
  let failures = 0;
  /** The session key followed now. */
  let polled: string | undefined;
  const onVisibility = () => (document.hidden ? poller?.pause() : poller?.resume());

  /** Follows one session; `undefined` stops following. */
  const follow = (session: CreateSessionResponse | undefined) => {
    const key = session?.session_key;
    if (key === polled) return;
    poller?.stop();
    polled = key;
    poller = session ? createPoller({ poll: () => poll(session) }) : undefined;
    if (document.hidden) poller?.pause();
    poller?.start();
  };

  const poll = async (session: CreateSessionResponse): Promise<PollOutcome> => {
    const result = await getStatus(host.signer, session);
    const shown = handoff();
    if (shown?.session.session_key !== session.session_key) return 'stop';
    if (!result.ok) {
      // 5xx, 429 and network trouble pass; a 4xx (older signer, unknown session) will not.
      if (!result.status || result.status >= 500 || result.status === 429) {
        if (++failures === LOST_AFTER) onLost();
        return 'error';
      }
      onUntracked();
      return 'stop';
    }
    failures = 0;
    const { status } = result.value;
    const changed = status !== shown.status;
    onStatus(session, status, changed);
    return FINAL_STATUSES.has(status) ? 'stop' : changed ? 'changed' : 'same';
  };

  host.addController({
    hostConnected() {
      document.addEventListener('visibilitychange', onVisibility);
      // Moved in the page (frameworks re-parent elements): the next render resumes following the session.
      host.requestUpdate();
    },
    hostDisconnected() {
      document.removeEventListener('visibilitychange', onVisibility);
      follow(undefined);
    },
    /** After each render: follows the hand-off's session while its progress can still change. */
    hostUpdated() {
      const shown = handoff();
      const live = shown && shown.tracking !== 'off' && !FINAL_STATUSES.has(shown.status ?? '');
      follow(live && host.isConnected ? shown.session : undefined);
    },
  });
}
