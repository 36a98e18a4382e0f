/**
 * The screens of the file every page loads, as pure functions of the state, the words and the actions: the
 * form, and the bare link shown when the hand-off screens' file cannot be fetched. The hand-offs themselves
 * (button on a phone, QR code on a desktop, texted link) come on demand (`handoff-views.ts`). No element
 * state is read or written here; `pave-capture.ts` decides which view shows and handles what the views report.
 */
import { html, nothing } from 'lit';
import type { CreateSessionResponse, Delivery, ErrorIssue } from '../../contract/schema.ts';
import type { State } from '../core/machine.ts';
import type { WidgetError } from '../net/error.ts';
import type { FormStrings } from '../strings/language.ts';
import { buttonOf } from './button.ts';
import type { FormFields } from './form-fields.ts';

const button = buttonOf({ html, nothing });

type FormState = Extract<State, { kind: 'idle' | 'sending' | 'error' }>;

/** What the form says of an error and of per-field issues. */
type Say = { error: (error: WidgetError) => string; issues: (issues: ErrorIssue[]) => Record<string, string> };

/**
 * The signer's own words (its messages), when the hand-off module with the customer's could not be had (or is
 * not here yet). Per-field issues come only from reading an answer with that module, so there are none to word.
 */
export const signerWords: Say = {
  error: (error) => error.message,
  issues: () => ({}),
};

interface FormView {
  state: FormState;
  /** The words to show; their `lang` is set on the view (the element's own `lang` may name one the widget lacks, or one still loading). */
  strings: FormStrings;
  /** The signer's error and per-field issues in words (the words come with the hand-off module, fetched as the form is sent). */
  say: Say;
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

export function formView(v: FormView) {
  const { state: s, strings: t, fields } = v;
  const { mode } = s;
  const on = { ...fields.on, ...v.on };
  const report = fields.report(mode, t);
  const issues = v.say.issues(Object.values(fields.issues));
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
      <p part="message error" class="error form-error" role="alert" tabindex="-1">${error ? v.say.error(error) : nothing}</p>
    </form>
    <slot name="turnstile"></slot>
  `;
}

/**
 * The hand-off when its screens' file could not be fetched (blocked, no CORS): the capture link itself,
 * which works on any phone, and a way back. The console says why (`fetchModule`).
 */
export function linkOnlyView(session: CreateSessionResponse, t: FormStrings, restart: () => void) {
  const url = session.capture_url;
  return html`<div part="result" class="result" lang=${t.lang}>
    <h2 part="title" class="title" tabindex="-1">${t.linkTitle}</h2>
    <p><a part="link" class="link big-link" href=${url} target="_blank" rel="noopener">${url}</a></p>
    <div class="actions">${button('button', t.startOver, restart)}</div>
  </div>`;
}
