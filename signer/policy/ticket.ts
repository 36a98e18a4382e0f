/**
 * Session tickets: a MAC over site id + session key, keyed by a key derived from the site's PAVE secret.
 * It proves "this browser got this session from this signer" for the status and resend calls, with no
 * extra setting and no server-side store. Web Crypto unless the runtime's entry brings faster hashing.
 */
import { equalBytes, utf8, webCryptoHashing, type Hashing } from '../pave/hashing.ts';
/** Domain separation: the ticket key is never the PAVE secret itself. */
const TICKET_KEY_LABEL = 'pave-capture ticket v1';

export interface TicketMinter {
  issue(siteId: string, sessionKey: string): Promise<string>;
  verify(siteId: string, sessionKey: string, ticket: string): Promise<boolean>;
}

/**
 * @example
 * const tickets = createTicketMinter(site.pave.credentials.apiSecret);
 * const ticket = await tickets.issue('default', 'DMO-7K2P9QX4ZT');
 */
export function createTicketMinter(paveSecret: string, hashing: Hashing = webCryptoHashing): TicketMinter {
  const derived = deriveMac(paveSecret, hashing);
  // The derived key once ready: later tickets are one MAC, no await of the derivation each time.
  let mac: ((message: Uint8Array) => Uint8Array | Promise<Uint8Array>) | undefined;
  void derived.then((ready) => (mac = ready), () => {});
  const macOf = async (siteId: string, sessionKey: string) => (mac ?? (await derived))(utf8(`${siteId}\n${sessionKey}`));
  return {
    async issue(siteId, sessionKey) {
      return toBase64Url(await macOf(siteId, sessionKey));
    },
    async verify(siteId, sessionKey, ticket) {
      const given = fromBase64Url(ticket);
      // One spelling per ticket: atob ignores the last character's 2 spare bits, so 4 texts decode alike.
      if (!given || given.length !== 32 || toBase64Url(given) !== ticket) return false;
      return equalBytes(await macOf(siteId, sessionKey), given);
    },
  };
}

/** The ticket MAC: HMAC-SHA256 under HMAC-SHA256(PAVE secret, label). */
async function deriveMac(secret: string, hashing: Hashing): Promise<(message: Uint8Array) => Uint8Array | Promise<Uint8Array>> {
  const derived = await hashing.hmacSha256(utf8(secret))(utf8(TICKET_KEY_LABEL));
  return hashing.hmacSha256(derived);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url (RFC 4648 §5), three bytes to four characters, straight from the alphabet. */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    text += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    text += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + (rest === 2 ? BASE64URL[(n >> 6) & 63]! : '');
  }
  return text;
}

/**
 * Bytes of a base64url text, or `undefined`. Lenient as `atob` is (no padding needed, whitespace, `+` and `/`
 * taken): `verify` accepts only the one spelling `toBase64Url` gives, so leniency here cannot widen what passes.
 */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
  } catch {
    return undefined; // a character or a length no base64 can have
  }
}

/**
 * The ticket of an `Authorization: Bearer <ticket>` header, or `undefined`.
 * @example bearerTicket('Bearer abc_-1') // 'abc_-1'
 */
export function bearerTicket(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer[ ]+([A-Za-z0-9_-]{1,128})[ ]*$/i);
  return match?.[1];
}
