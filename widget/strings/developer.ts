/**
 * What the widget tells the page's developer on the console (English only: developers read the docs in
 * English), one line per cause, each naming the fix.
 */
export const DEVELOPER = {
  noSigner: () => 'no `signer` attribute: set it to the URL of your signer, e.g. <pave-capture signer="https://sign.dealer.example">.',
  originRefused: (origin: string) =>
    `the signer refused this page's origin (${origin}): add it to the signer's ALLOWED_ORIGINS (or to the site's ALLOWED_ORIGINS in its sites file).`,
  sideFile: (name: string) =>
    `could not load pave-capture.${name}.js from beside the script: serve it from the same folder as pave-capture.js; from another origin (a CDN), with CORS (Access-Control-Allow-Origin). The widget does without it.`,
  signerFailed: (status: number) => `the signer answered HTTP ${status} without its error envelope: is \`signer\` the signer's URL, and is the signer running?`,
};

export type DeveloperCause = keyof typeof DEVELOPER;
