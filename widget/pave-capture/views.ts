/**
 * The element's screens as pure functions of its state, its words and the actions it offers: the form,
 * and the three hand-offs (button on a phone, QR code on a desktop, texted link). No element state is
 * read or written here; `pave-capture.ts` decides which view shows and handles what the views report.
 */
import { html, nothing } from 'lit';
import type { Delivery } from '../../contract/schema.ts';
import type { FieldReport } from '../core/fields.ts';
import { canResend, type State } from '../core/machine.ts';
import { maskPhone } from '../core/phone.ts';
import type { QrEncoder } from '../on-demand/qr-loader.ts';
import { errorMessage, type Strings } from '../strings/index.ts';

type FormState = Extract<State, { kind: 'idle' | 'sending' | 'error' }>;
type Handoff = Extract<State, { kind: 'link' | 'sms' }>;

interface FormView {
  state: FormState;
  /** The words to show; their `lang` is set on the view (the element's own `lang` may name one the widget lacks, or one still loading). */
  strings: Strings;
  report: FieldReport;
  /** The signer's per-field messages. */
  issues: Record<string, string>;
  vin: string;
  phone: string;
  requireVin: boolean;
  disabled: boolean;
  onPhone: boolean;
  /** Offer the other delivery (QR code ↔ text). */
  canSwitch: boolean;
  on: {
    submit: (event: SubmitEvent) => void;
    vinInput: (event: InputEvent) => void;
    phoneInput: (event: InputEvent) => void;
    blur: (event: FocusEvent) => void;
    choose: (mode: Delivery) => void;
  };
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
  const { state: s, strings: t, report, on } = v;
  const { mode } = s;
  const busy = v.disabled || s.kind === 'sending';
  const vinError = report.vin ?? v.issues.vin;
  const phoneError = report.phone ?? v.issues.phone;
  const error = s.kind === 'error' ? s.error : undefined;
  const other: Delivery = mode === 'sms' ? 'link' : 'sms';
  return html`
    <form part="form" lang=${t.lang} novalidate aria-busy=${s.kind === 'sending'} @submit=${on.submit}>
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
          .value=${v.vin}
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
              .value=${v.phone}
              @input=${on.phoneInput}
              @blur=${on.blur}
            />
            <p part="hint" class="hint" id="phone-hint">${t.phoneHint}</p>
            <p part="message field-error" id="phone-message" class="error" aria-live="polite">${phoneError ?? nothing}</p>
          </div>`
        : nothing}
      <div class="actions">
        ${button('submit', mode === 'sms' ? t.sendSms : v.onPhone ? t.continueHere : t.continueOnPhone, undefined, busy, true)}
        ${v.canSwitch ? button('button', mode === 'sms' ? t.qrInstead : t.textInstead, () => on.choose(other), busy) : nothing}
      </div>
      <p part="message status" class="muted" role="status">${s.kind === 'sending' ? t.sending : nothing}</p>
      <p part="message error" class="error" role="alert">${error ? errorMessage(t, error) : nothing}</p>
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
 * The link on a desktop: a QR code for the phone's camera, the link itself, and a copy button. Until the
 * encoder is here (`qr` undefined: it is fetched on demand) an empty square keeps the QR code's place.
 */
export function qrView(v: HandoffView & { offerText: boolean; qr: QrEncoder | undefined }) {
  const { strings: t, actions } = v;
  const url = v.state.session.capture_url;
  return result(
    v,
    t.qrTitle,
    t.qrIntro,
    html`${v.qr ? qrCode(v.qr(url), t.qrLabel) : html`<div part="qr" class="qr"></div>`}
      <p>${t.linkLabel} <a part="link" class="link" href=${url} target="_blank" rel="noopener">${url}</a></p>`,
    html`${button('button', t.copyLink, () => actions.copy(url), false, true)}
    ${v.offerText ? button('button', t.textInstead, () => actions.choose('sms')) : nothing}
    ${button('button', t.startOver, actions.restart)}`,
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
    t.smsSent(maskPhone(s.session.sms_to ?? v.typedPhone)),
    t.smsIntro,
    resend.kind === 'refused' ? html`<p part="message error" class="error" role="alert">${resend.message}</p>` : nothing,
    html`${canResend(s) ? button('button', t.resend, actions.resend, resend.kind === 'sending' || resend.kind === 'sent') : nothing}
    ${button('button', t.changeNumber, () => actions.choose('sms'))} ${button('button', t.startOver, actions.restart)}`,
  );
}

/** Every hand-off: a focusable title, an intro, the body, live progress, the actions and a notice line. */
function result(v: HandoffView, title: string, intro: string, body: unknown, actions: unknown) {
  const { status } = v.state;
  const progress = status ? v.strings.status[status as keyof Strings['status']] : undefined;
  return html`
    <div part="result" class="result" lang=${v.strings.lang}>
      <p part="title" class="title" tabindex="-1">${title}</p>
      <p>${intro}</p>
      ${body}
      <p part="message status" class="success" role="status">${progress ?? nothing}</p>
      <div class="actions">${actions}</div>
      <p part="message status" class="success" role="status">${v.notice || nothing}</p>
    </div>
  `;
}

function button(type: 'submit' | 'button', label: string, onClick?: () => void, disabled = false, primary = false) {
  return html`<button
    part="button ${primary ? 'button-primary' : 'button-secondary'}"
    class="button ${primary ? 'primary' : 'secondary'}"
    type=${type}
    ?disabled=${disabled}
    @click=${onClick ?? nothing}
  >${label}</button>`;
}
