/**
 * Session tickets: a MAC over site id + session key, keyed by a key derived from the site's PAVE secret.
 * It proves "this browser got this session from this signer" for the status and resend calls, with no
 * extra setting and no server-side store. Web Crypto only.
 */

const encoder = new TextEncoder();
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
export function createTicketMinter(paveSecret: string): TicketMinter {
  const keyPromise = deriveKey(paveSecret);
  const message = (siteId: string, sessionKey: string) => encoder.encode(`${siteId}\n${sessionKey}`);
  return {
    async issue(siteId, sessionKey) {
      const mac = await crypto.subtle.sign('HMAC', await keyPromise, message(siteId, sessionKey));
      return toBase64Url(new Uint8Array(mac));
    },
    async verify(siteId, sessionKey, ticket) {
      const mac = fromBase64Url(ticket);
      if (!mac || mac.length !== 32) return false;
      // subtle.verify compares in constant time.
      return crypto.subtle.verify('HMAC', await keyPromise, mac, message(siteId, sessionKey));
    },
  };
}

async function deriveKey(secret: string): Promise<CryptoKey> {
  const root = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const derived = await crypto.subtle.sign('HMAC', root, encoder.encode(TICKET_KEY_LABEL));
  return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined; // a length no base64 can have
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
