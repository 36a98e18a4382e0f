/**
 * The form's two fields as the customer types them: the VIN normalised and the phone formatted as they
 * type (the caret kept where they are typing), which problems may show yet, and the signer's per-field
 * messages until the field changes. The element renders from it and asks it what is wrong (`report`);
 * the rules themselves are `../core/fields.ts`. A Lit reactive controller written as a closure, not a class:
 * its state then minifies to local names, and the script-tag build counts every byte.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Delivery, ErrorIssue } from '../../contract/schema.ts';
import { normalizeVin } from '../../contract/vin.ts';
import { checkFields, type FieldReport } from '../core/fields.ts';
import { formatPhoneAsTyped } from '../core/phone-typing.ts';
import { handoffNow } from '../on-demand/handoff-loader.ts';
import type { FormStrings as Strings } from '../strings/language.ts';

/** The element, as its fields see it: what the page prefilled, and the rules it set. */
interface FormFieldsHost extends ReactiveControllerHost {
  vin: string;
  phone: string;
  country: string;
  requireVin: boolean;
}

export interface FormFields {
  /** The VIN on screen, normalised. */
  readonly vin: string;
  /** The phone number on screen, as typed (formatted when typed at the end). */
  readonly phone: string;
  /** The signer's per-field issues (`path → issue`, worded at render time), each cleared as soon as its field changes. */
  readonly issues: Readonly<Record<string, ErrorIssue>>;
  /** What is wrong right now, for a form asking for `delivery`. */
  report(delivery: Delivery, strings: Strings): FieldReport;
  /** On submit: every problem shows, the phone's only when the link is to be texted. */
  showAll(delivery: Delivery): void;
  /** The signer refused the fields: its messages show under them. */
  refused(issues: readonly ErrorIssue[]): void;
  /** "Start over": the prefilled values again, nothing shown. */
  reset(): void;
  /** The form view's listeners. */
  on: { vinInput: (event: InputEvent) => void; phoneInput: (event: InputEvent) => void; blur: (event: FocusEvent) => void };
}

/**
 * @example
 * #fields = formFields(this);
 * html`<input .value=${this.#fields.vin} @input=${this.#fields.on.vinInput}>`; this.#fields.report('sms', strings).valid
 */
export function formFields(host: FormFieldsHost): FormFields {
  let vin = '';
  let phone = '';
  let issues: Record<string, ErrorIssue> = {};
  /** Fields whose problems may be shown: left with something in them, or the whole form submitted. */
  let shown = { vin: false, phone: false };
  /** The prefilled values last taken from the host: a new one replaces what is on screen. */
  let prefilledVin: string | undefined;
  let prefilledPhone: string | undefined;
  const changed = () => host.requestUpdate();
  const clearIssue = (path: string) => {
    if (!(path in issues)) return;
    const { [path]: _cleared, ...rest } = issues;
    issues = rest;
  };

  // Before each render: a newly prefilled VIN or phone number (the `vin` and `phone` properties) replaces the typed one.
  host.addController({
    hostUpdate() {
      if (host.vin !== prefilledVin) vin = normalizeVin((prefilledVin = host.vin));
      if (host.phone !== prefilledPhone) phone = formatPhoneAsTyped((prefilledPhone = host.phone), host.country);
    },
  });

  return {
    get vin() {
      return vin;
    },
    get phone() {
      return phone;
    },
    get issues() {
      return issues;
    },
    // The phone's rules come with the hand-off module (fetched as the form is first focused), with their words.
    report: (delivery, strings) => checkFields({ vin, phone, shown }, { requireVin: host.requireVin, delivery, country: host.country, strings, checkPhone: handoffNow()?.checkPhone }),
    showAll(delivery) {
      shown = { vin: true, phone: delivery === 'sms' };
      changed();
    },
    refused(refusal) {
      issues = Object.fromEntries(refusal.map((issue) => [issue.path, issue]));
      changed();
    },
    reset() {
      vin = normalizeVin(host.vin);
      phone = formatPhoneAsTyped(host.phone, host.country);
      shown = { vin: false, phone: false };
      issues = {};
      changed();
    },
    on: {
      vinInput(event) {
        const input = event.target as HTMLInputElement;
        const normalized = normalizeVin(input.value);
        // Keep the caret where the person is typing when normalisation shortens the text.
        const caret = (input.selectionStart ?? input.value.length) - (input.value.length - normalized.length);
        input.value = normalized;
        input.setSelectionRange(caret, caret);
        vin = normalized;
        clearIssue('vin');
        changed();
      },
      phoneInput(event) {
        const input = event.target as HTMLInputElement;
        const atEnd = input.selectionStart === input.value.length;
        const formatted = formatPhoneAsTyped(input.value, host.country);
        // Reformat only when typing at the end, so editing inside the number is never fought.
        if (atEnd && formatted !== input.value) input.value = formatted;
        phone = input.value;
        clearIssue('phone');
        changed();
      },
      /**
       * A field's problems show once it is left with something in it; an empty field is only reported on
       * submit (complaining as someone tabs past it is rude, and the message would move the buttons under
       * their pointer). A field already shown asks for no render: a submit disables the fields, which
       * blurs the focused one in the middle of that render.
       */
      blur(event) {
        const input = event.target as HTMLInputElement;
        const name = input.name as 'vin' | 'phone';
        if (!input.value || shown[name]) return;
        shown = { ...shown, [name]: true };
        changed();
      },
    },
  };
}
