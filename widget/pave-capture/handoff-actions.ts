/**
 * Two hand-off actions that need the network or the clipboard, apart from the element so it stays one
 * screenful: "Resend text" (through the signer's resend route, once: PAVE resends once) and "Copy link".
 */
import { canResend, type Action, type State } from '../core/machine.ts';
import { maskPhone } from '../core/phone.ts';
import { resendSms } from '../net/api.ts';
import { errorMessage, type Strings } from '../strings/index.ts';
import { PaveErrorEvent, PaveSmsSentEvent } from './events.ts';

/** How long a notice ("Link copied.", "We texted the link again…") stays. */
export const NOTICE_MS = 4_000;

interface ResendHost {
  state: () => State;
  signer: string;
  strings: Strings;
  dispatch: (action: Action) => void;
  notify: (notice: string) => void;
  fire: (event: Event) => void;
  focus: (selector: string) => void;
}

export async function resend(host: ResendHost): Promise<void> {
  const s = host.state();
  if (s.kind !== 'sms' || !canResend(s)) return;
  host.dispatch({ type: 'resend' });
  host.notify('');
  const result = await resendSms(host.signer, s.session);
  if (result.ok) {
    // The button goes, and the focus that was on it goes to the heading.
    host.dispatch({ type: 'resent', smsTo: result.value.sms_to });
    host.notify(host.strings.resent(maskPhone(result.value.sms_to)));
    host.fire(new PaveSmsSentEvent({ session_key: s.session.session_key, sms_to: result.value.sms_to }));
    host.focus('.title');
    return;
  }
  // An older signer has no resend route (404 not_found): hide the button rather than show an error.
  const hide = result.status === 404;
  host.dispatch({ type: 'resend-failed', hide, message: errorMessage(host.strings, result.error) });
  if (!hide) host.fire(new PaveErrorEvent({ code: result.error.code, message: result.error.message }));
}

/** Copies the link; without clipboard permission (or on an insecure page) selects it, so Ctrl+C / long-press copies it. */
export async function copyLink(url: string, link: Element | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    if (link) getSelection()?.selectAllChildren(link);
    return false;
  }
}
