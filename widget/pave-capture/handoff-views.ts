/**
 * The hand-offs, fetched on demand with the rest of what follows the button press (`../on-demand/handoff.ts`):
 * the start button on a phone, the QR code on a desktop, the texted link, each with the session's live
 * progress. Pure functions of the state, the words and the actions, made with the element's own Lit
 * (`LitParts`): this file never imports Lit, so the file it ships in carries no second copy of it.
 */
import type { Delivery } from '../../contract/schema.ts';
import { canResend } from '../core/handoff-machine.ts';
import type { Handoff as Tracked, State } from '../core/machine.ts';
import { maskPhone } from '../core/phone.ts';
import type { QrEncoder } from '../on-demand/qr-loader.ts';
import type { Strings } from '../strings/language.ts';
import type { Button, LitParts } from './button.ts';

type Handoff = Extract<State, { kind: 'link' | 'sms' }>;

export interface HandoffActions {
  copy: (url: string) => void;
  choose: (mode: Delivery) => void;
  restart: () => void;
  resend: () => void;
}

interface HandoffView<S extends Handoff = Handoff> {
  state: S;
  strings: Strings;
  /** A polite one-off notice ("Link copied."). */
  notice: string;
  actions: HandoffActions;
}

/** The statuses on the way to `COMPLETE`, in order: the step indicator's steps. */
const STEPS = ['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM'] as const;

/** The hand-off views, made with these parts of Lit and this button. */
export function handoffViewsOf({ html, nothing }: LitParts, button: Button) {
  /**
   * A hand-off's progress: a neutral step indicator ("Step 2 of 5" and a bar) with the status in a polite
   * live region — not success green, which would read as done. When status checks keep failing, it says the
   * progress is unknown instead of "waiting" for ever, beside the last step known.
   * A new session is IDLE until its first check says otherwise, so the indicator is there from the first
   * render: the buttons below never move under a finger when that check answers.
   */
  function progressView(state: Tracked, t: Strings) {
    const step = STEPS.indexOf((state.status ?? 'IDLE') as (typeof STEPS)[number]) + 1;
    const words = state.lost ? t.statusUnavailable : step ? t.status[STEPS[step - 1]!] : undefined;
    return html`${step
        ? html`<div class="steps">
            <progress part="progress" max=${STEPS.length} .value=${step} aria-label=${t.progressLabel}></progress>
            <span class="muted">${t.step(step, STEPS.length)}</span>
          </div>`
        : nothing}
      <p part="message status" class="progress" role="status">${words ?? nothing}</p>`;
  }

  /** Every hand-off: a focusable heading, an intro, the body, live progress, the actions and a notice line. */
  function result(v: Pick<HandoffView, 'strings' | 'notice'> & { state: Tracked }, title: unknown, intro: string, body: unknown, actions: unknown) {
    return html`
      <div part="result" class="result" lang=${v.strings.lang}>
        <h2 part="title" class="title" tabindex="-1">${title}</h2>
        ${intro ? html`<p>${intro}</p>` : nothing} ${body} ${progressView(v.state, v.strings)}
        <div class="actions">${actions}</div>
        <p part="message status" class="success" role="status">${v.notice || nothing}</p>
      </div>
    `;
  }

  /** The link on a phone: one big button that opens PAVE's capture app in this tab. */
  function startView(v: HandoffView) {
    const t = v.strings;
    return result(
      v,
      t.readyTitle,
      t.readyIntro,
      html`<a part="button button-primary start-button" class="button primary big" href=${v.state.session.capture_url}>${t.startInspection}</a>`,
      button('button', t.startOver, v.actions.restart),
    );
  }

  /**
   * The link on a desktop: a QR code for the phone's camera, the link itself, and a copy button. While the
   * encoder is on its way (`qr` undefined) a square keeps the QR code's place; when it could not be had
   * (`null`) the link is the primary action instead, never an empty square.
   */
  function qrView(v: HandoffView & { offerText: boolean; qr: QrEncoder | null | undefined }) {
    const { strings: t, actions } = v;
    const url = v.state.session.capture_url;
    const others = html`${v.offerText ? button('button', t.textInstead, () => actions.choose('sms')) : nothing}
    ${button('button', t.startOver, actions.restart)}`;
    const copy = button('button', t.copyLink, () => actions.copy(url), false, true);
    if (v.qr === null) {
      return result(v, t.linkTitle, t.linkIntro, html`<p><a part="link" class="link big-link" href=${url} target="_blank" rel="noopener">${url}</a></p>`, html`${copy} ${others}`);
    }
    return result(
      v,
      t.qrTitle,
      t.qrIntro,
      html`${v.qr ? qrCode(v.qr(url), t.qrLabel) : html`<div part="qr" class="qr"></div>`}
        <p>${t.linkLabel} <a part="link" class="link" href=${url} target="_blank" rel="noopener">${url}</a></p>`,
      html`${copy} ${others}`,
    );
  }

  function qrCode({ size, d }: ReturnType<QrEncoder>, label: string) {
    const box = size + 8; // 4 modules of quiet zone on every side, as ISO 18004 asks
    // Inside <svg> in one template the parser makes SVG elements: no `svg` tag needed.
    return html`<svg part="qr" class="qr" role="img" aria-label=${label} viewBox="-4 -4 ${box} ${box}" shape-rendering="crispEdges">
      <rect x="-4" y="-4" width=${box} height=${box} fill="#fff"></rect><path d=${d} fill="#000"></path>
    </svg>`;
  }

  /** The texted link: the masked number, and "resend" / "change number" / "start over". */
  function smsView(v: HandoffView<Extract<State, { kind: 'sms' }>> & { typedPhone: string }) {
    const { state: s, strings: t, actions } = v;
    const { resend } = s;
    return result(
      v,
      unbroken(t.smsSent, maskPhone(s.session.sms_to ?? v.typedPhone)),
      t.smsIntro,
      resend.kind === 'refused' ? html`<p part="message error" class="error" role="alert">${resend.message}</p>` : nothing,
      html`${canResend(s) ? button('button', t.resend, actions.resend, resend.kind === 'sending') : nothing}
      ${button('button', t.changeNumber, () => actions.choose('sms'))} ${button('button', t.startOver, actions.restart)}`,
    );
  }

  /** A sentence with the masked number in it, the number kept on one line (it must not break at its dashes). */
  function unbroken(sentence: (to: string) => string, masked: string) {
    const [before, after] = sentence('\u0000').split('\u0000');
    return html`${before}<span class="nowrap">${masked}</span>${after}`;
  }

  return { result, startView, qrView, smsView };
}
