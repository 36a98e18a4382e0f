/**
 * The hand-off screens' own rules — the QR code, the progress, the big "Start inspection" button — and the busy
 * button's spinner, fetched with those screens (`../on-demand/handoff.ts`) rather than in the file every page
 * loads, and added to the element's shadow root beside its own styles (`pave-capture.styles.ts`, where the parts
 * and custom properties they use are documented) when the module is wired to it. Added after them, they win
 * where both say the same (`.big` over `.button`), as they did when they were one sheet.
 */

/** The text as written; the build minifies it as it minifies `css` templates (scripts/minify-templates.ts picks them by the tag's name). */
const css = (text: TemplateStringsArray) => text[0]!;

export const handoffStyles = css`
  /*
   * In the busy button: a ring that turns (it stands still under reduced motion: the element's own sheet). The
   * module is fetched as the form is first focused, so it is here when the button is pressed; the ring is
   * decoration (the form is aria-busy and says "Creating your inspection…"), so a press that comes first shows
   * it a moment later, and a page without the module goes without it.
   */
  .spinner {
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: pave-spin 0.8s linear infinite;
  }
  @keyframes pave-spin {
    to {
      transform: rotate(1turn);
    }
  }
  .success {
    color: var(--_success);
    font-weight: 600;
  }
  /* Progress is not success: neutral, so "waiting" never reads as done. */
  .progress {
    color: var(--_text);
  }
  .done {
    color: var(--_success);
    font-weight: 600;
  }
  .steps {
    display: grid;
    gap: calc(var(--_space) / 4);
    font-size: 0.875em;
  }
  progress {
    width: 100%;
    height: 0.5rem;
    accent-color: var(--_primary);
  }
  .nowrap {
    white-space: nowrap;
  }
  .big {
    min-height: 56px;
    font-size: 1.125em;
    width: 100%;
  }
  .qr {
    display: block;
    width: var(--pave-qr-size, 12rem);
    max-width: 100%;
    aspect-ratio: 1;
    border-radius: var(--_radius);
  }
`;

/**
 * Adds the hand-off's rules to the element's shadow root, once, after its own sheets. Every browser that runs
 * the widget (ES2022) has constructable style sheets, which a strict CSP allows (no inline `<style>`).
 */
export function adoptHandoffStyles(root: HTMLElement | DocumentFragment): void {
  if (!('adoptedStyleSheets' in root)) return; // a server rendering the element has no shadow root to style
  const shadow = root as ShadowRoot;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(handoffStyles);
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
}
