/**
 * The element's screens as pure functions of its state, its words and the actions it offers: the form,
 * and the three hand-offs (button on a phone, QR code on a desktop, texted link). No element state is
 * read or written here; `pave-capture.ts` decides which view shows and handles what the views report.
 */
import { html, nothing } from 'lit';
import type { Delivery } from '../../contract/schema.ts';
import { canResend, type Handoff as Tracked, type State } from '../core/machine.ts';
import { maskPhone } from '../core/phone.ts';
import type { QrEncoder } from '../on-demand/qr-loader.ts';
import { errorMessage, fieldMessages, type Strings } from '../strings/index.ts';
import type { FormFields } from './form-fields.ts';
import { progressView } from './progress-view.ts';

type FormState = Extract<State, { kind: 'idle' | 'sending' | 'error' }>;
type Handoff = Extract<State, { kind: 'link' | 'sms' }>;

interface FormView {
  state: FormState;
  /** The words to show; their `lang` is set on the view (the element's own `lang` may name one the widget lacks, or one still loading). */
  strings: Strings;
  /** The fields as typed, their problems and the signer's per-field issues. */
  fields: FormFields;
  requireVin: boolean;
  disabled: boolean;
  onPhone: boolean;
  /** Offer the other delivery (QR code ↔ text). */
  canSwitch: boolean;
  /** A retry must wait (PAVE may have texted): the button stays disabled until the element renders again. */
  waiting: boolean;
  on: { submit: (event: SubmitEvent) => void; choose: (mode: Delivery) => void };
}

interface HandoffActions {
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

export function formView(v: FormView) {
  const { state: s, strings: t, fields } = v;
  const { mode } = s;
  const on = { ...fields.on, ...v.on };
  const report = fields.report(mode, t);
  const issues = fieldMessages(t, Object.values(fields.issues));
  const busy = v.disabled || s.kind === 'sending';
  const vinError = report.vin ?? issues.vin;
  const phoneError = report.phone ?? issues.phone;
  // "Correct the highlighted fields" goes once no field is highlighted any more.
  const error = s.kind === 'error' && !(s.error.code === 'invalid_request' && !vinError && !phoneError) ? s.error : undefined;
  const other: Delivery = mode === 'sms' ? 'link' : 'sms';
  return html`
    <form part="form" lang=${t.lang} aria-label=${t.formLabel} novalidate aria-busy=${s.kind === 'sending'} @submit=${on.submit}>
      <p>${t.intro}</p>
      <div class="field">
        <label part="label" for="vin">${t.vinLabel} ${v.requireVin ? nothing : html`<span class="hint">${t.vinOptional}</span>`}</label>
        <input
          part="input vin-input"
          id="vin"
          name="vin"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="30"
          ?required=${v.requireVin}
          ?disabled=${busy}
          aria-invalid=${!!vinError}
          aria-describedby="vin-hint vin-message"
          .value=${fields.vin}
          @input=${on.vinInput}
          @blur=${on.blur}
        />
        <p part="hint" class="hint" id="vin-hint">${t.vinHint}</p>
        <p part="message field-error" id="vin-message" class=${vinError ? 'error' : 'warning'} aria-live="polite">${vinError ?? report.vinWarning ?? nothing}</p>
      </div>
      ${mode === 'sms'
        ? html`<div class="field">
            <label part="label" for="phone">${t.phoneLabel}</label>
            <input
              part="input phone-input"
              id="phone"
              name="phone"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              maxlength="32"
              required
              ?disabled=${busy}
              aria-invalid=${!!phoneError}
              aria-describedby="phone-hint phone-message"
              .value=${fields.phone}
              @input=${on.phoneInput}
              @blur=${on.blur}
            />
            <p part="hint" class="hint" id="phone-hint">${t.phoneHint}</p>
            <p part="message field-error" id="phone-message" class="error" aria-live="polite">${phoneError ?? nothing}</p>
          </div>`
        : nothing}
      <div class="actions">
        ${button('submit', mode === 'sms' ? t.sendSms : v.onPhone ? t.continueHere : t.continueOnPhone, undefined, busy || v.waiting, true, s.kind === 'sending')}
        ${v.canSwitch ? button('button', mode === 'sms' ? t.qrInstead : t.textInstead, () => on.choose(other), busy) : nothing}
      </div>
      <p part="message status" class="muted" role="status">${s.kind === 'sending' ? t.sending : nothing}</p>
      <p part="message error" class="error form-error" role="alert" tabindex="-1">${error ? errorMessage(t, error) : nothing}</p>
    </form>
    <slot name="turnstile"></slot>
  `;
}

/** The link on a phone: one big button that opens PAVE's capture app in this tab. */
export function startView(v: HandoffView) {
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
export function qrView(v: HandoffView & { offerText: boolean; qr: QrEncoder | null | undefined }) {
  const { strings: t, actions } = v;
  const url = v.state.session.capture_url;
  const others = html`${v.offerText ? button('button', t.textInstead, () => actions.choose('sms')) : nothing}
  ${button('button', t.startOver, actions.restart)}`;
  if (v.qr === null) {
    return result(
      v,
      t.linkTitle,
      t.linkIntro,
      html`<p><a part="link" class="link big-link" href=${url} target="_blank" rel="noopener">${url}</a></p>`,
      html`${button('button', t.copyLink, () => actions.copy(url), false, true)} ${others}`,
    );
  }
  return result(
    v,
    t.qrTitle,
    t.qrIntro,
    html`${v.qr ? qrCode(v.qr(url), t.qrLabel) : html`<div part="qr" class="qr"></div>`}
      <p>${t.linkLabel} <a part="link" class="link" href=${url} target="_blank" rel="noopener">${url}</a></p>`,
    html`${button('button', t.copyLink, () => actions.copy(url), false, true)} ${others}`,
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
export function smsView(v: HandoffView<Extract<State, { kind: 'sms' }>> & { typedPhone: string }) {
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

/** Every hand-off: a focusable heading, an intro, the body, live progress, the actions and a notice line. */
export function result(v: Pick<HandoffView, 'strings' | 'notice'> & { state: Tracked }, title: unknown, intro: string, body: unknown, actions: unknown) {
  return html`
    <div part="result" class="result" lang=${v.strings.lang}>
      <h2 part="title" class="title" tabindex="-1">${title}</h2>
      ${intro ? html`<p>${intro}</p>` : nothing} ${body} ${progressView(v.state, v.strings)}
      <div class="actions">${actions}</div>
      <p part="message status" class="success" role="status">${v.notice || nothing}</p>
    </div>
  `;
}

/** A button; `spinning` while what it started is under way (the spinner is decoration: the form is `aria-busy`). */
export function button(type: 'submit' | 'button', label: string, onClick?: () => void, disabled = false, primary = false, spinning = false) {
  return html`<button
    part="button ${primary ? 'button-primary' : 'button-secondary'}"
    class="button ${primary ? 'primary' : 'secondary'}"
    type=${type}
    ?disabled=${disabled}
    @click=${onClick ?? nothing}
  >${spinning ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}</button>`;
}
