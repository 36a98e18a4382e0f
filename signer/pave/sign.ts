/**
 * PAVE request signing: the three authentication headers of every v1 call.
 * Runtime-neutral (Web Crypto only) so the same code runs on Node, Workers, Deno and Bun.
 * @see ../../../shared/pave-api.md "Authentication"
 */

export interface PaveCredentials {
  /** Primary PAVE account name (the enterprise name for Enterprise accounts); also the capture URL sub-domain. */
  username: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` in UTC. PAVE's samples disagree on the format; this is the one the project
 * decided to send (pave-api.md, "Decision").
 * @example paveTimestamp(new Date('2021-05-30T12:49:19.731Z')) // '2021-05-30T12:49:19Z'
 */
export function paveTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const encoder = new TextEncoder();

/**
 * Imported keys by secret. Importing costs as much as signing on Node's Web Crypto (each call is a
 * thread-pool round trip), and a signer has one secret per site: import each once.
 */
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_KEYS = 256;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

/** Lower-case hex HMAC-SHA256. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message)));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The last token minted per credentials. The token depends only on the credentials and the timestamp,
 * which has one-second resolution: every call within the same second gets the same token, so a busy
 * signer computes one HMAC per site per second instead of one per request.
 */
const lastTokens = new WeakMap<PaveCredentials, { timestamp: string; token: Promise<string> }>();

/**
 * `API-Token`: HMAC-SHA256 keyed with the API secret over `"{username}:{api_key}@{timestamp}"`,
 * computed over exactly the string sent as `API-Timestamp`.
 */
export function paveToken(credentials: PaveCredentials, timestamp: string): Promise<string> {
  const last = lastTokens.get(credentials);
  if (last?.timestamp === timestamp) return last.token;
  const token = hmacSha256Hex(credentials.apiSecret, `${credentials.username}:${credentials.apiKey}@${timestamp}`);
  lastTokens.set(credentials, { timestamp, token });
  return token;
}

/** The headers of one v1 call. Tokens expire within five minutes: mint them per request. */
export async function paveAuthHeaders(credentials: PaveCredentials, now: Date): Promise<Record<string, string>> {
  const timestamp = paveTimestamp(now);
  return {
    'API-Key': credentials.apiKey,
    'API-Timestamp': timestamp,
    'API-Token': await paveToken(credentials, timestamp),
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
}
