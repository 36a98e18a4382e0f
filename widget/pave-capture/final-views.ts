/**
 * The screens of a session that is over, each its own: `COMPLETE` thanks the customer and offers nothing
 * to hand over (no QR code, no link, no text); `EXPIRED` and `INVALID` say so as an error and offer
 * **Get a new link**, a fresh create of the same form. Fetched on demand with the hand-offs, made with the
 * element's Lit (see `handoff-views.ts`).
 */
import type { Handoff } from '../core/machine.ts';
import type { Strings } from '../strings/language.ts';
import type { Button, LitParts } from './button.ts';
import type { handoffViewsOf } from './handoff-views.ts';

export interface FinalView {
  state: Handoff;
  strings: Strings;
  notice: string;
  restart: () => void;
  renew: () => void;
}

/** The final views, made with these parts of Lit, this button and the hand-offs' frame (`result`). */
export function finalViewsOf({ html }: LitParts, button: Button, result: ReturnType<typeof handoffViewsOf>['result']) {
  function completeView(v: FinalView) {
    const t = v.strings;
    return html`<div part="result" class="result final" lang=${t.lang}>
      <h2 part="title" class="title" tabindex="-1">${t.completeTitle}</h2>
      <p part="message status" class="done" role="status">${t.status.COMPLETE}</p>
      <div class="actions">${button('button', t.startOver, v.restart)}</div>
    </div>`;
  }

  /** `EXPIRED` or `INVALID`: the link cannot be used any more. */
  function deadView(v: FinalView) {
    const t = v.strings;
    const expired = v.state.status === 'EXPIRED';
    return result(
      { ...v, state: { ...v.state, status: undefined } },
      expired ? t.expiredTitle : t.invalidTitle,
      '',
      html`<p part="message error" class="error" role="alert">${expired ? t.status.EXPIRED : t.status.INVALID}</p>`,
      html`${button('button', t.getNewLink, v.renew, false, true)} ${button('button', t.startOver, v.restart)}`,
    );
  }

  return { completeView, deadView };
}
