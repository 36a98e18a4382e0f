/**
 * What the widget tells the page's developer on the console (English only: developers read the docs in
 * English), one line per cause, each naming the fix. This one is in the file every page loads: a file beside
 * the script that does not load (the widget does without it; the hand-off module's hints are in
 * `developer-hints.ts`).
 */
export const sideFileHint = (name: string) =>
  `could not load pave-capture.${name}.js: serve it beside pave-capture.js, with CORS from another origin.`;
