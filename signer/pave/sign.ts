/**
 * PAVE request signing: the three authentication headers of every v1 call.
 * Runtime-neutral (Web Crypto unless the runtime's entry brings faster hashing) so the same code runs on
 * Node, Workers, Deno and Bun.
 * @see ../../docs/pave-api.md "Authentication (every v1 call)"
 */
import { toHex, utf8, webCryptoHashing, type Hashing } from './hashing.ts';

export interface PaveCredentials {
  /** Primary PAVE account name (the enterprise name for Enterprise accounts); also the capture URL sub-domain. */
  username: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` in UTC. PAVE's samples disagree on the format; this is the one the project
 * decided to send (docs/pave-api.md, "Authentication": the decision on the timestamp format).
 * @example paveTimestamp(new Date('2021-05-30T12:49:19.731Z')) // '2021-05-30T12:49:19Z'
 */
export function paveTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Lower-case hex HMAC-SHA256, Web Crypto by default, its key prepared for this one call (see `createPaveSigner`). */
async function hmacSha256Hex(secret: string, message: string, hashing: Hashing = webCryptoHashing): Promise<string> {
  return toHex(await hashing.hmacSha256(utf8(secret))(utf8(message)));
}

/** What `API-Token` is the HMAC of. */
const tokenMessage = (credentials: PaveCredentials, timestamp: string) => `${credentials.username}:${credentials.apiKey}@${timestamp}`;

/**
 * `API-Token`: HMAC-SHA256 keyed with the API secret over `"{username}:{api_key}@{timestamp}"`,
 * computed over exactly the string sent as `API-Timestamp`.
 */
export function paveToken(credentials: PaveCredentials, timestamp: string): Promise<string> {
  return hmacSha256Hex(credentials.apiSecret, tokenMessage(credentials, timestamp));
}

/** The headers of one v1 call. Tokens expire within five minutes: mint them per request. */
type PaveSigner = (now: Date) => Promise<Record<string, string>>;

/**
 * A signer for one account: its key prepared once, and the current second's token reused. The token
 * depends only on the credentials and the timestamp, which has one-second resolution, so a busy signer
 * computes one HMAC per account per second instead of one per request.
 * @example const sign = createPaveSigner(credentials); const headers = await sign(new Date());
 */
export function createPaveSigner(credentials: PaveCredentials, hashing: Hashing = webCryptoHashing): PaveSigner {
  const mac = hashing.hmacSha256(utf8(credentials.apiSecret));
  let last: { timestamp: string; token: Promise<string> } | undefined;
  const token = (timestamp: string) => {
    if (last?.timestamp !== timestamp) {
      last = { timestamp, token: Promise.resolve(mac(utf8(tokenMessage(credentials, timestamp)))).then(toHex) };
    }
    return last.token;
  };
  return async (now) => {
    const timestamp = paveTimestamp(now);
    return {
      'API-Key': credentials.apiKey,
      'API-Timestamp': timestamp,
      'API-Token': await token(timestamp),
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
  };
}

/** The headers of one v1 call, signed afresh with Web Crypto (a client keeps a `createPaveSigner` instead). */
export function paveAuthHeaders(credentials: PaveCredentials, now: Date): Promise<Record<string, string>> {
  return createPaveSigner(credentials)(now);
}
