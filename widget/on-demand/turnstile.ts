/**
 * The bot check's on-demand module (`pave-capture.turnstile.js`, a chunk of the ES build): Cloudflare
 * Turnstile's loader and wrapper (`turnstile-api.ts`) and the controller that drives them (`turnstile-check.ts`).
 * Only pages with `turnstile-sitekey` fetch it (`../pave-capture/bot-check.ts`).
 */
export * from './turnstile-api.ts';
export { BotCheck } from './turnstile-check.ts';
