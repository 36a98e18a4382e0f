import { LitElement, type PropertyValues } from 'lit';
import { createSession, getStatus, resendSms } from '../net/api.ts';
import type { CreateSessionRequest, CreateSessionResponse, Delivery } from '../../contract/schema.ts';
import { isTouchPhone } from '../core/device.ts';
import { PaveErrorEvent, PaveSessionCreatedEvent, PaveSessionStatusEvent, PaveSmsSentEvent, PaveStateChangeEvent } from './events.ts';
import { checkFields } from '../core/fields.ts';
import { canResend, FINAL_STATUSES, idle, next, type Action, type State, type WidgetError } from '../core/machine.ts';
import { formatPhoneAsTyped, maskPhone } from '../core/phone.ts';
import { createPoller, type PollOutcome, type Poller } from '../core/poller.ts';
import { styles } from './pave-capture.styles.ts';
import { qrEncoder } from '../on-demand/qr-loader.ts';
import { forget, recall, remember, resumeKey } from '../core/resume.ts';
import { languageOf, stringsFor } from '../strings/index.ts';
import { BotCheck } from './bot-check.ts';
import { normalizeVin } from '../../contract/vin.ts';
import { formView, qrView, smsView, startView } from './views.ts';

/** After a resend, the button rests this long: PAVE texts once per request, people press twice. */
const RESEND_REST_MS = 30_000;


/**
 * Starts a PAVE vehicle inspection: collects the VIN (and the phone number when the link is texted), asks
 * the dealer's signer for a session, then hands it to the customer's phone — a QR code on a desktop, a
 * "Start inspection" button on a phone, or a text message — and follows the session's progress.
 *
 * @tag pave-capture
 * @attr lang - Language of the widget and of PAVE's capture app (`en`, `fr`, `es`); defaults to the closest `lang` on the page.
 *
 * @slot turnstile - Where the element puts Cloudflare Turnstile (a light-DOM `<div>` it adds itself) when `turnstile-sitekey` is set.
 *
 * @fires pave-session-created - A session exists; `detail: {session_key, capture_url, delivery}`.
 * @fires pave-sms-sent - The capture link was texted (or texted again); `detail: {session_key, sms_to}`.
 * @fires pave-session-status - The session's progress changed; `detail: {session_key, status}`.
 * @fires pave-error - A request failed; `detail: {code, message}`.
 * @fires pave-state-change - `detail: {from, to}` with states `idle`, `sending`, `error`, `link`, `sms`.
 *
 * @csspart form - The form.
 * @csspart label - Field labels.
 * @csspart input - Both inputs; `vin-input` and `phone-input` name each.
 * @csspart hint - Help text under a field.
 * @csspart message - Every message: field errors, the form error, status and notices.
 * @csspart field-error - A field's error or warning message.
 * @csspart error - The form-level error message.
 * @csspart status - Polite live messages: busy, session progress, copy and resend notices.
 * @csspart button - Every button; also `button-primary`, `button-secondary`.
 * @csspart start-button - The big "Start inspection" link on a phone.
 * @csspart result - The hand-off: QR code, start button or texted confirmation.
 * @csspart title - The hand-off's title.
 * @csspart qr - The QR code (an SVG; dark modules on white whatever the theme, as cameras expect).
 * @csspart link - The capture link under the QR code.
 *
 * @cssprop --pave-color-primary - Buttons and focus accents.
 * @cssprop --pave-color-on-primary - Text on primary buttons.
 * @cssprop --pave-color-text - Body text.
 * @cssprop --pave-color-muted - Hints and secondary text.
 * @cssprop --pave-color-background - Background of the widget and inputs.
 * @cssprop --pave-color-border - Input borders.
 * @cssprop --pave-color-error - Error text and invalid borders.
 * @cssprop --pave-color-warning - VIN check-digit warning.
 * @cssprop --pave-color-success - Session progress and notices.
 * @cssprop --pave-color-focus - Focus ring.
 * @cssprop --pave-radius - Corner radius.
 * @cssprop --pave-space - Base spacing.
 * @cssprop --pave-font - Font shorthand; inherits the page's font by default.
 * @cssprop --pave-max-width - Widest the widget grows.
 * @cssprop --pave-qr-size - Side of the QR code.
 */
export class PaveCapture extends LitElement {
  static override styles = styles;

  /**
   * Reactive properties, declared here rather than with `@property()` / `@state()` decorators: the
   * decorator helpers cost ≈0.4 KB min+gzip in the script-tag build. Public ones are attributes too.
   */
  static override properties = {
    signer: {},
    site: {},
    delivery: { reflect: true },
    country: {},
    requireVin: { type: Boolean, reflect: true, attribute: 'require-vin' },
    vin: {},
    phone: {},
    disabled: { type: Boolean, reflect: true },
    turnstileSitekey: { reflect: true, attribute: 'turnstile-sitekey' },
    langAttribute: { attribute: 'lang' },
    current: { state: true },
    vinValue: { state: true },
    phoneValue: { state: true },
    shown: { state: true },
    serverIssues: { state: true },
    notice: { state: true },
  };

  /** Base URL of the dealer's signer, absolute or page-relative, e.g. `https://sign.dealer.example`. */
  signer = '';

  /** Public site id, when one signer serves several dealers. Also keys the remembered session. */
  site = '';

  /**
   * `link` hands the link over (QR code on a desktop, button on a phone), `sms` texts it,
   * `auto` starts with the link and offers "text it to me instead".
   */
  delivery: 'auto' | Delivery = 'auto';

  /** Country for phone numbers typed without `+` (ISO 3166 alpha-2). */
  country = 'US';

  /** Make the VIN mandatory. */
  requireVin = false;

  /** Prefilled VIN, e.g. the vehicle on the page. */
  vin = '';

  /** Prefilled phone number. */
  phone = '';

  /** Disable the whole form. */
  disabled = false;

  /**
   * Cloudflare Turnstile site key, for a signer with `TURNSTILE_SECRET` set: the element then loads
   * Cloudflare's script and sends a fresh bot-check token with each create. Nothing loads without it.
   */
  turnstileSitekey = '';

  // The native `lang` attribute, observed so that changing it re-renders; `lang` itself stays the
  // platform's property. Without one, the closest `lang` on the page decides.
  private langAttribute: string | null = null;

  private current: State = idle('link');
  private vinValue = '';
  private phoneValue = '';
  private shown = { vin: false, phone: false };
  /** The signer's per-field messages, cleared as soon as the field changes. */
  private serverIssues: Record<string, string> = {};
  /** A polite one-off notice ("Link copied."). */
  private notice = '';

  /** The last attempt, so a retry of the same request reuses its Idempotency-Key. */
  #lastAttempt: { body: string; key: string } | undefined;
  #onPhone = false;
  #poller: Poller | undefined;
  #polled: string | undefined;
  #resendTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #botCheck = new BotCheck(this, () => this.language);
  readonly #onVisibility = () => (document.hidden ? this.#poller?.pause() : this.#poller?.resume());

  /** The current state's name: `idle`, `sending`, `error`, `link` or `sms`. */
  get state(): State['kind'] {
    return this.current.kind;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#onPhone = isTouchPhone();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // Moved in the page (frameworks re-parent elements): `updated()` resumes following the session.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#track(undefined);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('vin')) this.vinValue = normalizeVin(this.vin);
    if (changed.has('phone')) this.phoneValue = formatPhoneAsTyped(this.phone, this.country);
    if (changed.has('delivery')) this.#dispatch({ type: 'configure', mode: this.defaultMode });
    if (!this.hasUpdated) {
      const session = recall(storage(), this.storageKey, Date.now());
      if (session) this.#dispatch({ type: 'resumed', session });
    }
  }

  override updated(): void {
    const s = this.current;
    const live = (s.kind === 'link' || s.kind === 'sms') && s.tracking !== 'off' && !FINAL_STATUSES.has(s.status ?? '');
    this.#track(live && this.isConnected ? s.session : undefined);
  }

  private get defaultMode(): Delivery {
    return this.delivery === 'sms' ? 'sms' : 'link';
  }

  private get storageKey() {
    return resumeKey(this.signer, this.site);
  }

  /** The element's `lang`, else the closest ancestor's, else the document's. */
  private get language() {
    return languageOf(this.langAttribute || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
  }

  /** The words on screen: English until the language's file is here (it may never be), then the language's. */
  private get strings() {
    return stringsFor(this.language, () => this.requestUpdate());
  }

  override render() {
    const s = this.current;
    const strings = this.strings;
    const actions = { copy: this.#copy, choose: this.#choose, restart: this.#restart, resend: this.#onResend };
    // A desktop about to show a QR code fetches the encoder (on demand: most page views never get this far)
    // as the session is asked for, so it is normally here before the session is.
    const qr = !this.#onPhone && (s.kind === 'link' || (s.kind === 'sending' && s.mode === 'link')) ? qrEncoder(() => this.requestUpdate()) : undefined;
    switch (s.kind) {
      case 'idle':
      case 'sending':
      case 'error':
        return formView({
          state: s,
          strings,
          report: this.#report(s.mode),
          issues: this.serverIssues,
          vin: this.vinValue,
          phone: this.phoneValue,
          requireVin: this.requireVin,
          disabled: this.disabled,
          onPhone: this.#onPhone,
          // Under `auto` a desktop may switch between the QR code and a text; a phone just continues.
          canSwitch: this.delivery === 'auto' && !this.#onPhone,
          on: { submit: this.#onSubmit, vinInput: this.#onVinInput, phoneInput: this.#onPhoneInput, blur: this.#onBlur, choose: this.#choose },
        });
      case 'link':
        return this.#onPhone
          ? startView({ state: s, strings, notice: this.notice, actions })
          : qrView({ state: s, strings, notice: this.notice, actions, offerText: this.delivery === 'auto', qr });
      case 'sms':
        return smsView({ state: s, strings, notice: this.notice, actions, typedPhone: this.phoneValue });
    }
  }

  #report(mode: Delivery) {
    return checkFields(
      { vin: this.vinValue, phone: this.phoneValue, shown: this.shown },
      { requireVin: this.requireVin, delivery: mode, country: this.country, strings: this.strings },
    );
  }

  #onVinInput(event: InputEvent) {
    const input = event.target as HTMLInputElement;
    const normalized = normalizeVin(input.value);
    // Keep the caret where the person is typing when normalisation shortens the text.
    const caret = (input.selectionStart ?? input.value.length) - (input.value.length - normalized.length);
    input.value = normalized;
    input.setSelectionRange(caret, caret);
    this.vinValue = normalized;
    this.#clearServerIssue('vin');
  }

  #onPhoneInput(event: InputEvent) {
    const input = event.target as HTMLInputElement;
    const atEnd = input.selectionStart === input.value.length;
    const formatted = formatPhoneAsTyped(input.value, this.country);
    // Reformat only when typing at the end, so editing inside the number is never fought.
    if (atEnd && formatted !== input.value) input.value = formatted;
    this.phoneValue = input.value;
    this.#clearServerIssue('phone');
  }

  /**
   * A field's problems show once it is left with something in it; an empty field is only reported on
   * submit (complaining as someone tabs past it is rude, and the message would move the buttons under
   * their pointer).
   */
  #onBlur(event: FocusEvent) {
    const input = event.target as HTMLInputElement;
    if (input.value) this.shown = { ...this.shown, [input.name]: true };
  }

  #clearServerIssue(path: string) {
    if (!(path in this.serverIssues)) return;
    const { [path]: _cleared, ...rest } = this.serverIssues;
    this.serverIssues = rest;
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const s = this.current;
    if (this.disabled || (s.kind !== 'idle' && s.kind !== 'error')) return;
    const { mode } = s;
    this.shown = { vin: true, phone: mode === 'sms' };
    const report = this.#report(mode);
    if (!report.valid) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }

    const body: CreateSessionRequest = {
      delivery: mode,
      ...(this.vinValue ? { vin: this.vinValue } : {}),
      ...(mode === 'sms' ? { phone: report.e164 ?? this.phoneValue } : {}),
      language: this.language,
      ...(this.site ? { site: this.site } : {}),
    };
    const serialized = JSON.stringify(body);
    const key = this.#lastAttempt?.body === serialized ? this.#lastAttempt.key : randomKey();
    this.#lastAttempt = { body: serialized, key };

    this.#dispatch({ type: 'submit', idempotencyKey: key });
    // The bot check (when the site has one) runs while the form shows it is busy; its token is good once.
    const check = await this.#botCheck.token();
    const result = check.ok ? await createSession(this.signer, body, { idempotencyKey: key, turnstileToken: check.token }) : check;
    this.#botCheck.reset();
    if (result.ok) {
      const session = result.value;
      this.#lastAttempt = undefined;
      remember(storage(), this.storageKey, session, Date.now());
      this.#dispatch({ type: 'created', session });
      const { session_key, capture_url, delivery } = session;
      this.dispatchEvent(new PaveSessionCreatedEvent({ session_key, capture_url, delivery }));
      if (delivery === 'sms') this.dispatchEvent(new PaveSmsSentEvent({ session_key, sms_to: session.sms_to ?? '' }));
      // Move focus to the result so keyboard and screen-reader users land on what changed.
      this.#focusAfterUpdate('.title');
    } else {
      this.serverIssues = Object.fromEntries(result.error.issues.map((issue) => [issue.path, issue.message]));
      this.#dispatch({ type: 'failed', error: result.error });
      this.#fail(result.error);
    }
  }

  /** Arrow functions: the views call these four through an `actions` object. */
  #onResend = async () => {
    const s = this.current;
    if (s.kind !== 'sms' || !canResend(s)) return;
    this.#dispatch({ type: 'resend' });
    this.notice = '';
    const result = await resendSms(this.signer, s.session);
    if (result.ok) {
      this.#dispatch({ type: 'resent', smsTo: result.value.sms_to });
      this.notice = this.strings.resent(maskPhone(result.value.sms_to));
      this.dispatchEvent(new PaveSmsSentEvent({ session_key: s.session.session_key, sms_to: result.value.sms_to }));
      clearTimeout(this.#resendTimer);
      this.#resendTimer = setTimeout(() => this.#dispatch({ type: 'resend-ready' }), RESEND_REST_MS);
      return;
    }
    // An older signer has no resend route (404 not_found): hide the button rather than show an error.
    const hide = result.status === 404;
    this.#dispatch({ type: 'resend-failed', hide, message: this.strings.errors[result.error.code] ?? result.error.message });
    if (!hide) this.#fail(result.error);
  };

  /** Follows one session's status while it is on screen; `undefined` stops following. */
  #track(session: CreateSessionResponse | undefined) {
    const key = session?.session_key;
    if (key === this.#polled) return;
    this.#poller?.stop();
    this.#polled = key;
    this.#poller = session ? createPoller({ poll: () => this.#poll(session) }) : undefined;
    if (document.hidden) this.#poller?.pause();
    this.#poller?.start();
  }

  async #poll(session: CreateSessionResponse): Promise<PollOutcome> {
    const result = await getStatus(this.signer, session);
    const s = this.current;
    if ((s.kind !== 'link' && s.kind !== 'sms') || s.session.session_key !== session.session_key) return 'stop';
    if (!result.ok) {
      // 5xx, 429 and network trouble pass; a 4xx (older signer, unknown session) will not.
      if (!result.status || result.status >= 500 || result.status === 429) return 'error';
      this.#dispatch({ type: 'untracked' });
      return 'stop';
    }
    const { status } = result.value;
    const changed = status !== s.status;
    this.#dispatch({ type: 'tracked', status });
    if (changed) this.dispatchEvent(new PaveSessionStatusEvent({ session_key: session.session_key, status }));
    if (status === 'EXPIRED' || status === 'INVALID') forget(storage(), this.storageKey);
    return FINAL_STATUSES.has(status) ? 'stop' : changed ? 'changed' : 'same';
  }

  #copy = async (url: string) => {
    const t = this.strings;
    try {
      await navigator.clipboard.writeText(url);
      this.notice = t.copied;
    } catch {
      // No clipboard permission (or an insecure page): select the link so Ctrl+C / long-press copies it.
      const link = this.renderRoot.querySelector('.link');
      if (link) getSelection()?.selectAllChildren(link);
      this.notice = t.copyFailed;
    }
  };

  #choose = (mode: Delivery) => {
    this.#dispatch({ type: 'choose', mode });
    this.#focusAfterUpdate(mode === 'sms' ? '#phone' : 'input');
  };

  #restart = () => {
    forget(storage(), this.storageKey);
    this.vinValue = normalizeVin(this.vin);
    this.phoneValue = formatPhoneAsTyped(this.phone, this.country);
    this.shown = { vin: false, phone: false };
    this.serverIssues = {};
    this.#dispatch({ type: 'restart', mode: this.defaultMode });
    this.#focusAfterUpdate('input');
  };

  #focusAfterUpdate(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #fail(error: WidgetError) {
    this.dispatchEvent(new PaveErrorEvent({ code: error.code, message: error.message }));
  }

  #dispatch(action: Action) {
    const from = this.current.kind;
    this.current = next(this.current, action);
    const to = this.current.kind;
    if (to === from) return;
    // A notice belongs to the screen it was given on.
    this.notice = '';
    this.dispatchEvent(new PaveStateChangeEvent({ from, to }));
  }
}

/** `localStorage`, or `undefined` where merely touching it throws (sandboxed iframes, storage blocked). */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** 128 random bits as hex; works outside secure contexts, unlike `crypto.randomUUID`. */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
