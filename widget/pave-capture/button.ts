/**
 * The widget's button, and the two parts of Lit the views need. The hand-off views are in a file fetched on
 * demand, which must not carry a second copy of Lit: it is handed the element's `html` and `nothing`
 * (`LitParts`), and makes its buttons with them, as the form does with its own import of Lit.
 */
import type { html, nothing } from 'lit';

/** What of Lit a view renders with: the element's own, passed in. */
export interface LitParts {
  html: typeof html;
  nothing: typeof nothing;
}

/** A button maker for these parts of Lit. */
export const buttonOf =
  ({ html, nothing }: LitParts) =>
  /** A button; `spinning` while what it started is under way (the spinner is decoration: the form is `aria-busy`). */
  (type: 'submit' | 'button', label: string, onClick?: () => void, disabled = false, primary = false, spinning = false) =>
    html`<button
      part="button ${primary ? 'button-primary' : 'button-secondary'}"
      class="button ${primary ? 'primary' : 'secondary'}"
      type=${type}
      ?disabled=${disabled}
      @click=${onClick ?? nothing}
    >${spinning ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}</button>`;

export type Button = ReturnType<typeof buttonOf>;
