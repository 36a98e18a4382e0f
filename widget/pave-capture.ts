import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createSession } from './api.ts';
import type { CreateSessionRequest, CreateSessionResponse, Delivery } from './contract.ts';
import { PaveErrorEvent, PaveSessionCreatedEvent, PaveSmsSentEvent, PaveStateChangeEvent } from './events.ts';
import { checkFields } from './fields.ts';
import { initialState, next, type Action, type State, type WidgetError } from './machine.ts';
import { formatPhoneAsTyped, maskPhone } from './phone.ts';
import { styles } from './pave-capture.styles.ts';
import { languageOf, stringsFor } from './strings/index.ts';
import { normalizeVin } from './vin.ts';

/**
 * Starts a PAVE vehicle inspection: collects the VIN and the customer's phone, asks the dealer's signer
 * for a session, then shows the capture link or confirms that it was texted.
 *
 * @fires pave-session-created - A session exists; `detail: {session_key, capture_url, delivery}`.
 * @fires pave-sms-sent - The capture link was texted; `detail: {session_key, sms_to}`.
 * @fires pave-error - A request failed; `detail: {code, message}`.
 * @fires pave-state-change - `detail: {from, to}` with states `idle`, `sending`, `link`, `sms`, `error`.
 *
 * @csspart form - The form.
 * @csspart label - Field labels.
 * @csspart input - Both inputs; `vin-input` and `phone-input` name each.
 * @csspart hint - Help text under a field.
 * @csspart field-error - A field's error message.
 * @csspart button - Every button; also `button-primary`, `button-secondary`.
 * @csspart start-button - The "Start inspection" link.
 * @csspart result - The link or texted confirmation.
 * @csspart status - The polite busy message.
 * @csspart error - The form-level error message.
 *
 * @cssprop --pave-color-primary - Buttons and focus accents.
 * @cssprop --pave-color-on-primary - Text on primary buttons.
 * @cssprop --pave-color-text - Body text.
 * @cssprop --pave-color-muted - Hints and secondary text.
 * @cssprop --pave-color-background - Background of the widget and inputs.
 * @cssprop --pave-color-border - Input borders.
 * @cssprop --pave-color-error - Error text and invalid borders.
 * @cssprop --pave-color-focus - Focus ring.
 * @cssprop --pave-radius - Corner radius.
 * @cssprop --pave-space - Base spacing.
 * @cssprop --pave-font - Font shorthand; inherits the page's font by default.
 * @cssprop --pave-max-width - Widest the widget grows.
 */
export class PaveCapture extends LitElement {
  static override styles = styles;

  /** Base URL of the dealer's signer, e.g. `https://sign.dealer.example`. */
  @property() signer = '';

  /** Public site id, when one signer serves several dealers. */
  @property() site = '';

  /** `link` shows the link, `sms` texts it, `auto` offers both. */
  @property({ reflect: true }) delivery: 'auto' | Delivery = 'auto';

  /** Language of the widget and of PAVE's capture app (`en`, `fr`, `es`); defaults to the page's. */
  @property({ reflect: true }) override lang = '';

  /** Country for phone numbers typed without `+` (ISO 3166 alpha-2). */
  @property() country = 'US';

  /** Make the VIN mandatory. */
  @property({ type: Boolean, attribute: 'require-vin' }) requireVin = false;

  /** Prefilled VIN, e.g. the vehicle on the page. */
  @property() vin = '';

  /** Prefilled phone number. */
  @property() phone = '';

  /** Disable the whole form. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private current: State = initialState;
  @state() private vinValue = '';
  @state() private phoneValue = '';
  @state() private shown = { vin: false, phone: false };
  /** The signer's per-field messages, cleared as soon as the field changes. */
  @state() private serverIssues: Record<string, string> = {};

  /** The last attempt, so a retry of the same request reuses its Idempotency-Key. */
  private lastAttempt: { body: string; key: string } | undefined;

  /** The current state's name: `idle`, `sending`, `link`, `sms` or `error`. */
  get state(): State['kind'] {
    return this.current.kind;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('vin')) this.vinValue = normalizeVin(this.vin);
    if (changed.has('phone')) this.phoneValue = formatPhoneAsTyped(this.phone, this.country);
  }

  private get strings() {
    return stringsFor(this.language);
  }

  /** The element's `lang`, else the closest ancestor's, else the document's. */
  private get language(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  override render() {
    switch (this.current.kind) {
      case 'idle':
      case 'sending':
      case 'error':
        return this.renderForm();
      case 'link':
        return this.renderLink(this.current.session);
      case 'sms':
        return this.renderSms(this.current.session);
    }
  }

  private report(delivery: Delivery = this.delivery === 'link' ? 'link' : 'sms') {
    return checkFields(
      { vin: this.vinValue, phone: this.phoneValue, shown: this.shown },
      { requireVin: this.requireVin, delivery, country: this.country, strings: this.strings },
    );
  }

  private renderForm() {
    const t = this.strings;
    const report = this.report();
    const sending = this.current.kind === 'sending';
    const error = this.current.kind === 'error' ? this.current.error : undefined;
    const vinError = report.vin ?? this.serverIssues.vin;
    const phoneError = report.phone ?? this.serverIssues.phone;
    const showPhone = this.delivery !== 'link';
    return html`
      <form part="form" novalidate aria-busy=${sending} @submit=${this.onSubmit}>
        <p class="intro">${t.intro}</p>
        <div class="field">
          <label part="label" for="vin">${t.vinLabel} ${this.requireVin ? nothing : html`<span class="optional">${t.vinOptional}</span>`}</label>
          <input
            part="input vin-input"
            id="vin"
            name="vin"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="30"
            ?required=${this.requireVin}
            ?disabled=${this.disabled || sending}
            aria-invalid=${vinError ? 'true' : 'false'}
            aria-describedby="vin-hint vin-message"
            .value=${this.vinValue}
            @input=${this.onVinInput}
            @blur=${() => (this.shown = { ...this.shown, vin: true })}
          />
          <p part="hint" class="hint" id="vin-hint">${t.vinHint}</p>
          <p part="field-error" id="vin-message" class=${vinError ? 'field-error' : 'field-warning'} aria-live="polite">
            ${vinError ?? report.vinWarning ?? nothing}
          </p>
        </div>
        ${showPhone
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
                ?required=${this.delivery === 'sms'}
                ?disabled=${this.disabled || sending}
                aria-invalid=${phoneError ? 'true' : 'false'}
                aria-describedby="phone-hint phone-message"
                .value=${this.phoneValue}
                @input=${this.onPhoneInput}
                @blur=${() => (this.shown = { ...this.shown, phone: true })}
              />
              <p part="hint" class="hint" id="phone-hint">${t.phoneHint}</p>
              <p part="field-error" id="phone-message" class="field-error" aria-live="polite">${phoneError ?? nothing}</p>
            </div>`
          : nothing}
        <div class="actions">
          ${this.delivery !== 'link'
            ? html`<button part="button button-primary" class="button primary" type="submit" value="sms" ?disabled=${this.disabled || sending}>
                ${t.sendSms}
              </button>`
            : nothing}
          ${this.delivery !== 'sms'
            ? html`<button
                part="button ${this.delivery === 'link' ? 'button-primary' : 'button-secondary'}"
                class="button ${this.delivery === 'link' ? 'primary' : 'secondary'}"
                type="submit"
                value="link"
                ?disabled=${this.disabled || sending}
              >
                ${t.showLink}
              </button>`
            : nothing}
        </div>
        <p part="status" class="status" role="status">${sending ? t.sending : nothing}</p>
        <p part="error" class="error" role="alert">${error ? (t.errors[error.code] ?? error.message) : nothing}</p>
      </form>
    `;
  }

  private renderLink(session: CreateSessionResponse) {
    const t = this.strings;
    return html`
      <div part="result" class="result">
        <p class="result-title" tabindex="-1">${t.linkReady}</p>
        <p>${t.linkIntro}</p>
        <div class="actions">
          <a part="button start-button" class="button primary" href=${session.capture_url} target="_blank" rel="noopener">${t.startInspection}</a>
          <button part="button button-secondary" class="button secondary" type="button" @click=${this.restart}>${t.startOver}</button>
        </div>
      </div>
    `;
  }

  private renderSms(session: CreateSessionResponse) {
    const t = this.strings;
    return html`
      <div part="result" class="result">
        <p class="result-title" tabindex="-1">${t.smsSent(maskPhone(session.sms_to ?? this.phoneValue))}</p>
        <p>${t.smsIntro}</p>
        <div class="actions">
          <button part="button button-secondary" class="button secondary" type="button" @click=${this.restart}>${t.startOver}</button>
        </div>
      </div>
    `;
  }

  private onVinInput(event: InputEvent) {
    const input = event.target as HTMLInputElement;
    const normalized = normalizeVin(input.value);
    // Keep the caret where the person is typing when normalisation shortens the text.
    const caret = (input.selectionStart ?? input.value.length) - (input.value.length - normalized.length);
    input.value = normalized;
    input.setSelectionRange(caret, caret);
    this.vinValue = normalized;
    this.clearServerIssue('vin');
  }

  private onPhoneInput(event: InputEvent) {
    const input = event.target as HTMLInputElement;
    const atEnd = input.selectionStart === input.value.length;
    const formatted = formatPhoneAsTyped(input.value, this.country);
    // Reformat only when typing at the end, so editing inside the number is never fought.
    if (atEnd && formatted !== input.value) input.value = formatted;
    this.phoneValue = input.value;
    this.clearServerIssue('phone');
  }

  private clearServerIssue(path: string) {
    if (!(path in this.serverIssues)) return;
    const { [path]: _cleared, ...rest } = this.serverIssues;
    this.serverIssues = rest;
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.disabled || this.current.kind === 'sending') return;
    const submitter = event.submitter as HTMLButtonElement | null;
    const delivery: Delivery = (submitter?.value as Delivery | undefined) ?? (this.delivery === 'link' ? 'link' : 'sms');
    this.shown = { vin: true, phone: delivery === 'sms' };
    const report = this.report(delivery);
    if (!report.valid) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
      return;
    }

    const body: CreateSessionRequest = {
      delivery,
      ...(this.vinValue ? { vin: this.vinValue } : {}),
      ...(delivery === 'sms' ? { phone: report.e164 ?? this.phoneValue } : {}),
      language: languageOf(this.language) as CreateSessionRequest['language'],
      ...(this.site ? { site: this.site } : {}),
    };
    const serialized = JSON.stringify(body);
    const key = this.lastAttempt?.body === serialized ? this.lastAttempt.key : randomKey();
    this.lastAttempt = { body: serialized, key };

    this.dispatch({ type: 'submit', delivery, idempotencyKey: key });
    const result = await createSession(this.signer, body, { idempotencyKey: key });
    if (result.ok) {
      this.lastAttempt = undefined;
      this.dispatch({ type: 'created', session: result.session });
      this.announceSession(result.session);
    } else {
      this.dispatch({ type: 'failed', error: result.error });
      this.showFailure(result.error);
    }
  }

  private announceSession(session: CreateSessionResponse) {
    const { session_key, capture_url, delivery } = session;
    this.dispatchEvent(new PaveSessionCreatedEvent({ session_key, capture_url, delivery }));
    if (delivery === 'sms') this.dispatchEvent(new PaveSmsSentEvent({ session_key, sms_to: session.sms_to ?? '' }));
    // Move focus to the result so keyboard and screen-reader users land on what changed.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.result-title')?.focus());
  }

  private showFailure(error: WidgetError) {
    this.serverIssues = Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
    this.dispatchEvent(new PaveErrorEvent({ code: error.code, message: error.message }));
  }

  private restart() {
    this.dispatch({ type: 'restart' });
    this.serverIssues = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input')?.focus());
  }

  private dispatch(action: Action) {
    const from = this.current.kind;
    this.current = next(this.current, action);
    if (this.current.kind !== from) this.dispatchEvent(new PaveStateChangeEvent({ from, to: this.current.kind }));
  }
}

/** 128 random bits as hex; works outside secure contexts, unlike `crypto.randomUUID`. */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
