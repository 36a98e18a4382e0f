import { LitElement, type PropertyValues } from 'lit';
import type { CreateSessionResponse, Delivery } from '../../contract/schema.ts';
import { isTouchPhone } from '../core/device.ts';
import { idle, next, type Action, type State } from '../core/machine.ts';
import { forget, pageStorage, recall, remember, resumeKey } from '../core/resume.ts';
import { requestBody, submissionFor, type Submission } from '../core/submission.ts';
import { noSigner, postSession, readBare } from '../net/api.ts';
import { handoffNow, loadHandoff } from '../on-demand/handoff-loader.ts';
import { qrEncoder } from '../on-demand/qr-loader.ts';
import { languageOf, stringsFor } from '../strings/language.ts';
import { botCheck } from './bot-check.ts';
import { PaveErrorEvent, PaveSessionCreatedEvent, PaveSessionStatusEvent, PaveSmsSentEvent, PaveStateChangeEvent } from './events.ts';
import { formFields } from './form-fields.ts';
import { styles } from './pave-capture.styles.ts';
import { formView, linkOnlyView, signerWords } from './views.ts';


// CSS parts and custom properties are documented beside their styles (pave-capture.styles.ts); the manifest lists them.
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
    delivery: { reflect: true, useDefault: true },
    country: {},
    requireVin: { type: Boolean, reflect: true, attribute: 'require-vin' },
    vin: {},
    phone: {},
    disabled: { type: Boolean, reflect: true },
    turnstileSitekey: { reflect: true, useDefault: true, attribute: 'turnstile-sitekey' }, // reflected once set, never empty
    langAttribute: { attribute: 'lang' },
    current: { state: true },
    notice: { state: true },
  };

  /** Base URL of the dealer's signer, absolute or page-relative, e.g. `https://sign.dealer.example`. */
  signer = '';
  /** Public site id, when one signer serves several dealers. Also keys the remembered session. */
  site = '';
  /** `link` hands the link over (QR code on a desktop, button on a phone), `sms` texts it, `auto` starts with the link and offers "text it to me instead". */
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
  /** Cloudflare Turnstile site key, for a signer with `TURNSTILE_SECRET` set: the element then loads Cloudflare's script and sends a fresh bot-check token with each create. Nothing loads without it. */
  turnstileSitekey = '';

  // The native `lang` attribute, observed so that changing it re-renders; `lang` stays the platform's property.
  private langAttribute: string | null = null;

  private current: State = idle('link');
  /** A polite one-off notice ("Link copied."). */
  private notice = '';

  /** The last submission, so sending the same request again reuses its Idempotency-Key. */
  #submission: Submission | undefined;
  readonly #botCheck = botCheck(this, () => this.language);
  readonly #fields = formFields(this);
  #onPhone = false;
  /** Re-renders when a retry's wait is over. */
  #retryTimer?: ReturnType<typeof setTimeout>;
  /** The hand-off's tracker and actions, once its module is here. */
  #wired?: ReturnType<NonNullable<ReturnType<typeof handoffNow>>['wire']>;

  /**
   * The hand-off module (screens, tracking, words of what follows the press) once it is here: `null` if it
   * could not be had. The first time it is, it is wired to the element (the session tracker joins it).
   */
  get #handoff() {
    const parts = handoffNow();
    this.#wired ??= parts?.wire(this, {
      state: () => this.current,
      dispatch: (action) => this.#dispatch(action),
      strings: () => this.strings,
      notify: (notice) => (this.notice = notice),
      focus: (selector) => this.#focusAfterUpdate(selector),
      storageKey: () => this.#storageKey,
      events: { PaveSessionStatusEvent, PaveSmsSentEvent, PaveErrorEvent },
    });
    return parts;
  }

  /** The current state's name: `idle`, `sending`, `error`, `link` or `sms`. */
  get state(): State['kind'] {
    return this.current.kind;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#onPhone = isTouchPhone();
    this.addEventListener('focusin', () => void loadHandoff().then(() => this.requestUpdate()), { once: true }); // typing takes seconds: here before the press (with the phone's rules)
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('delivery')) this.#dispatch({ type: 'configure', mode: this.defaultMode });
    if (!this.hasUpdated) {
      const session = recall(pageStorage(), this.#storageKey, Date.now());
      if (session) {
        this.#dispatch({ type: 'resumed', session }); // its remembered status is the hand-off's (`wire`)
        void loadHandoff().then(() => this.requestUpdate());
      }
    }
    void this.#handoff;
  }

  private get defaultMode(): Delivery {
    return this.delivery === 'sms' ? 'sms' : 'link';
  }

  /** The remembered session's entry: one per signer and site. */
  get #storageKey() {
    return resumeKey(this.signer, this.site);
  }

  /** The element's `lang`, else the closest ancestor's, else the document's (on a server, with no DOM around it, its own only). */
  private get language() {
    return languageOf(this.langAttribute || this.closest?.('[lang]')?.getAttribute('lang') || globalThis.document?.documentElement.lang);
  }

  /** The words on screen: English until the language's file is here (it may never be), then the language's. */
  private get strings() {
    return stringsFor(this.language, () => this.requestUpdate());
  }

  override render() {
    const s = this.current;
    const strings = this.strings;
    const after = this.#handoff;
    // A desktop about to show a QR code fetches the encoder on demand as the session is asked for.
    const qr = !this.#onPhone && (s.kind === 'link' || (s.kind === 'sending' && s.mode === 'link')) ? qrEncoder(() => this.requestUpdate()) : undefined;
    switch (s.kind) {
      case 'idle':
      case 'sending':
      case 'error':
        return formView({
          state: s,
          strings: after ? after.complete(strings) : strings, // with the words of the phone's rules
          fields: this.#fields,
          requireVin: this.requireVin,
          disabled: this.disabled,
          onPhone: this.#onPhone,
          // Under `auto` a desktop may switch between the QR code and a text; a phone just continues.
          canSwitch: this.delivery === 'auto' && !this.#onPhone,
          waiting: this.#mustWait(),
          on: { submit: this.#onSubmit, choose: this.#choose },
          say: after ? after.say(strings) : signerWords,
        });
      case 'link':
      case 'sms':
        // A resumed session waits a moment for its screens; without them, the bare link.
        if (!after) return after === null ? linkOnlyView(s.session, strings, this.#restart) : undefined;
        return after.screen({
          state: s,
          strings: after.complete(strings),
          notice: this.notice,
          actions: { ...this.#wired!, choose: this.#choose, restart: this.#restart, renew: this.#renew },
          onPhone: this.#onPhone,
          offerText: this.delivery === 'auto',
          qr,
          typedPhone: this.#fields.phone,
        });
    }
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const s = this.current;
    if (this.disabled || (s.kind !== 'idle' && s.kind !== 'error') || this.#mustWait()) return;
    void this.#create(s.mode, false);
  }

  /** "Get a new link": a fresh session (a new key) for the same VIN and number. */
  #renew = () => {
    const s = this.current;
    if (s.kind !== 'link' && s.kind !== 'sms') return;
    forget(pageStorage(), this.#storageKey);
    this.#submission = undefined;
    void this.#create(s.session.delivery, true);
  };

  async #create(mode: Delivery, renew: boolean) {
    if (mode === 'sms') {
      // The phone's rules (E.164, so a retry carries the same body) come with the hand-off module, normally here since the form was focused.
      await loadHandoff();
      if (this.current.kind === 'sending') return; // pressed twice while it came
    }
    this.#fields.showAll(mode);
    const report = this.#fields.report(mode, this.strings);
    if (!report.valid) {
      // A renewed session whose form is no longer complete (a reload forgets the number): back to the form.
      if (renew) this.#dispatch({ type: 'choose', mode });
      return this.#focusAfterUpdate('[aria-invalid="true"]');
    }
    const body = this.#body(mode, report.e164);
    // What follows the press (its screens, words, tracking) is fetched while the request is in flight.
    const handoff = loadHandoff();
    this.#dispatch({ type: renew ? 'renew' : 'submit' });
    clearTimeout(this.#retryTimer);
    const { key } = (this.#submission = submissionFor(body, this.#submission));
    // The bot check (when the site has one) runs while the form shows it is busy; its token is good once.
    const check = await this.#botCheck.token();
    const sent = !this.signer ? noSigner() : check.ok ? await postSession(this.signer, body, { idempotencyKey: key, turnstileToken: check.token }) : check;
    this.#botCheck.reset();
    // The hand-off module (normally here by now) reads the answer; without it, just enough for the bare link.
    const after = await handoff;
    const result = sent instanceof Response ? await (after?.readCreated ?? readBare)(sent) : sent;
    if (result.ok) return this.#created(result.value);
    const { error } = result;
    // Without the hand-off the failure is one no signer acted on, or one it may have (no answer, or none readable): the key stays.
    if (after && !after.keepsKey(error, mode)) this.#submission = undefined;
    this.#fields.refused(error.issues);
    this.#dispatch({ type: 'failed', error });
    this.dispatchEvent(new PaveErrorEvent({ code: error.code, message: error.message }));
    after?.hintDeveloper(error, (result as { status?: number }).status, this.signer);
    // The button comes back when a retry is safe; focus goes where the customer acts next: the first field in error, else the message.
    const wait = after?.retryBlockedUntil(error, Date.now()); // only the hand-off reads a `Retry-After`
    if (wait) this.#retryTimer = setTimeout(() => this.requestUpdate(), wait - Date.now());
    this.#focusAfterUpdate('[aria-invalid="true"], .form-error');
  }

  #body = (mode: Delivery, e164?: string) => requestBody({ mode, vin: this.#fields.vin, phone: e164 ?? this.#fields.phone, language: this.language, site: this.site });
  /** PAVE may have texted this very request: its retry waits for `Retry-After` (a changed form need not). */
  #mustWait() {
    const s = this.current;
    if (s.kind !== 'error' || !handoffNow()?.retryBlockedUntil(s.error, Date.now())) return false;
    return !!this.#submission && submissionFor(this.#body(s.mode, this.#fields.report(s.mode, this.strings).e164), this.#submission) === this.#submission;
  }

  #created(session: CreateSessionResponse) {
    this.#submission = undefined;
    remember(pageStorage(), this.#storageKey, session, Date.now());
    this.#dispatch({ type: 'created', session });
    const { session_key, capture_url, delivery } = session;
    this.dispatchEvent(new PaveSessionCreatedEvent({ session_key, capture_url, delivery }));
    if (delivery === 'sms') this.dispatchEvent(new PaveSmsSentEvent({ session_key, sms_to: session.sms_to ?? '' }));
    this.#focusAfterUpdate('.title'); // keyboard and screen-reader users land on what changed
  }

  /** Arrow functions: the views call these through an `actions` object. */
  #choose = (mode: Delivery) => {
    this.#dispatch({ type: 'choose', mode });
    this.#focusAfterUpdate(mode === 'sms' ? '#phone' : 'input');
  };

  #restart = () => {
    forget(pageStorage(), this.#storageKey);
    this.#fields.reset();
    this.#dispatch({ type: 'restart', mode: this.defaultMode });
    this.#focusAfterUpdate('input');
  };

  #focusAfterUpdate(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #dispatch(action: Action) {
    const from = this.current.kind;
    // The hand-off's own actions (status, resend) come only once its module, with its half of the machine, is here.
    this.current = handoffNow()?.next(next(this.current, action), action) ?? next(this.current, action);
    const to = this.current.kind;
    if (to === from) return;
    // A notice belongs to the screen it was given on.
    this.notice = '';
    this.dispatchEvent(new PaveStateChangeEvent({ from, to }));
  }
}
