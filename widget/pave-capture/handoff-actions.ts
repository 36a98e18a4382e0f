/**
 * Two hand-off actions that need the network or the clipboard, apart from the element so it stays one
 * screenful: "Resend text" (through the signer's resend route, once: PAVE resends once) and "Copy link".
 * Fetched on demand with the hand-off screens; the events are the element's to fire (its classes, the
 * ones pages import), so this file reports what happened instead.
 */
import { canResend } from '../core/handoff-machine.ts';
import type { Action, State } from '../core/machine.ts';
import { maskPhone } from '../core/phone.ts';
import { resendSms } from '../net/api.ts';
import type { WidgetError } from '../net/error.ts';
import type { Strings } from '../strings/language.ts';
import { errorMessage } from '../strings/messages.ts';

interface ResendHost {
  state: () => State;
  signer: string;
  strings: Strings;
  dispatch: (action: Action) => void;
  notify: (notice: string) => void;
  /** The text went again (the element fires `pave-sms-sent`). */
  sent: (smsTo: string) => void;
  /** The resend failed (the element fires `pave-error`). */
  failed: (error: WidgetError) => void;
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
    host.sent(result.value.sms_to);
    host.focus('.title');
    return;
  }
  // An older signer has no resend route (404 not_found): hide the button rather than show an error.
  const hide = result.status === 404;
  host.dispatch({ type: 'resend-failed', hide, message: errorMessage(host.strings, result.error) });
  if (!hide) host.failed(result.error);
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
