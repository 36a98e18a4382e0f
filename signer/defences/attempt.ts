/**
 * The one thing the last gate before PAVE (`admit`) is asked about: a call that passed the contract and
 * the site's rules and is about to make PAVE act. The create and resend routes build it; the bot check and
 * the limits read it.
 */
import type { SiteConfig } from '../config/settings.ts';

export interface Attempt {
  /**
   * `create`: a new session (texted when `delivery` is `sms`). `resend`: the link texted again, which
   * starts no session, so it counts against its caller, its number and the site's texts, not the site's
   * session ceilings.
   */
  kind: 'create' | 'resend';
  site: SiteConfig;
  /** Always `sms` for a resend. */
  delivery: 'link' | 'sms';
  /** E.164 destination, for `sms` and every resend. */
  phone?: string;
  /** For a resend: the session whose link is texted again. */
  sessionKey?: string;
  /**
   * For a resend: the number is not the one the session was texted to (or it was never texted, a `link`
   * session), so it is checked like a create's — the bot check included.
   */
  newNumber?: boolean;
  /** The client's IP as the runtime reports it (`AppDeps.clientIp`). */
  ip: string | undefined;
  /** The request's headers: the bot check reads its token there. */
  headers: Headers;
}

/** The last gate before PAVE: resolves to let the attempt through, throws a `SignerError` to refuse it. */
export type Admit = (attempt: Attempt) => Promise<void>;
