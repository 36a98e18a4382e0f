import { unsafeCSS } from 'lit';

/**
 * The styles are one constant with no interpolation, so Lit's `css` tag (whose checks guard interpolated
 * values) is not needed: this tag hands the text to `unsafeCSS`, and the build minifies it as it minifies
 * `css` templates (scripts/minify-templates.ts picks templates by the tag's name).
 */
const css = (text: TemplateStringsArray) => unsafeCSS(text[0]);

/**
 * Themed through `--pave-*` custom properties on the host; every meaningful node has a `part`.
 * Inherits the page's font unless `--pave-font` says otherwise. The parts and custom properties below are
 * `<pave-capture>`'s theming surface, documented beside the rules that use them: the manifest
 * (scripts/manifest.mjs) lists them with the element.
 *
 * @csspart form - The form.
 * @csspart label - Field labels.
 * @csspart input - Both inputs; `vin-input` and `phone-input` name each.
 * @csspart vin-input - The VIN input.
 * @csspart phone-input - The mobile number input (when the link is texted).
 * @csspart hint - Help text under a field.
 * @csspart message - Every message: field errors, the form error, status and notices.
 * @csspart field-error - A field's error or warning message.
 * @csspart error - The form-level error message.
 * @csspart status - Polite live messages: busy, session progress, copy and resend notices.
 * @csspart button - Every button; also `button-primary`, `button-secondary`.
 * @csspart button-primary - The main action of a screen (Continue, Send, Copy link, Start inspection).
 * @csspart button-secondary - Every other button (Text it to me instead, Start over, Resend text…).
 * @csspart start-button - The big "Start inspection" link on a phone.
 * @csspart result - The hand-off: QR code, start button or texted confirmation.
 * @csspart title - The hand-off's title.
 * @csspart qr - The QR code (an SVG; dark modules on white whatever the theme, as cameras expect).
 * @csspart link - The capture link under the QR code.
 * @csspart progress - The step indicator's bar while the inspection is under way.
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
/* The hand-off screens' own rules (QR code, progress, the big start button) come with them, and so does the busy
   button's spinner (decoration: the form says it is busy itself): handoff.styles.ts. */
export const styles = css`
  :host {
    --_primary: var(--pave-color-primary, #0b57d0);
    --_on-primary: var(--pave-color-on-primary, #fff);
    --_text: var(--pave-color-text, #1f1f1f);
    --_muted: var(--pave-color-muted, #50555c);
    --_background: var(--pave-color-background, #fff);
    --_border: var(--pave-color-border, #6b7078);
    --_error: var(--pave-color-error, #b3261e);
    --_warning: var(--pave-color-warning, #7a4a00);
    --_success: var(--pave-color-success, #146c2e);
    --_focus: var(--pave-color-focus, #0b57d0);
    --_radius: var(--pave-radius, 8px);
    --_space: var(--pave-space, 1rem);
    display: block;
    font: var(--pave-font, inherit);
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--_radius);
    max-width: var(--pave-max-width, 28rem);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--pave-color-primary, #a8c7fa);
      --_on-primary: var(--pave-color-on-primary, #062e6f);
      --_text: var(--pave-color-text, #e3e3e3);
      --_muted: var(--pave-color-muted, #c4c7c5);
      --_background: var(--pave-color-background, #1f1f1f);
      --_border: var(--pave-color-border, #8e918f);
      --_error: var(--pave-color-error, #f2b8b5);
      --_warning: var(--pave-color-warning, #f5c26b);
      --_success: var(--pave-color-success, #8fd9a3);
      --_focus: var(--pave-color-focus, #a8c7fa);
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  form,
  .result {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
  }
  /* Cloudflare Turnstile, under the form: invisible unless Cloudflare asks the visitor to tick a box. */
  ::slotted([slot='turnstile']) {
    margin-inline: var(--_space);
  }
  p {
    margin: 0;
  }
  /* Live regions stay in the accessibility tree when empty (so what appears later is announced), out of the layout. */
  p:empty {
    position: absolute;
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 4);
  }
  label,
  .title {
    font-weight: 600;
  }
  .title {
    font-size: 1.125em;
    margin: 0;
  }
  .title:focus {
    outline: none;
  }
  .hint,
  .muted {
    color: var(--_muted);
    font-weight: 400;
  }
  .hint,
  .error,
  .warning {
    font-size: 0.875em;
  }
  .error {
    color: var(--_error);
  }
  .warning {
    color: var(--_warning);
  }
  .big-link {
    font-size: 1.125em;
    font-weight: 600;
  }
  input {
    font: inherit;
    color: inherit;
    background: var(--_background);
    min-height: 44px;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    width: 100%;
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-align: center;
    transition: filter 0.12s;
  }
  .primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .secondary {
    background: transparent;
    color: var(--_primary);
  }
  .button:hover {
    filter: brightness(1.08);
  }
  [disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .link {
    color: var(--_primary);
    overflow-wrap: anywhere;
  }
  /* On a phone, stacked buttons share one width: the widget's. */
  @media (max-width: 30rem) {
    .actions .button {
      flex: 1 1 100%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
