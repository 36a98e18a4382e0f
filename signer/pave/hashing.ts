/**
 * The two hash primitives the signer needs — HMAC-SHA256 (PAVE tokens, session tickets) and SHA-256
 * (idempotency digests) — as a port, so each runtime can bring its fastest. The default is Web Crypto,
 * which every runtime has. On Node each `crypto.subtle` call is a round trip through libuv's thread
 * pool; the Node entry passes `node:crypto`'s synchronous versions instead (see `signer/node-hashing.ts`),
 * which took a create from ≈ 430 to ≈ 240 µs in-process (`npm run bench`, "Added latency").
 */

export interface Hashing {
  /** A MAC function under one key. Callers keep it, so a key is prepared (imported) once. */
  hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  sha256(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export const webCryptoHashing: Hashing = {
  hmacSha256(key) {
    const imported = crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', await imported, message as Uint8Array<ArrayBuffer>));
  },
  async sha256(data) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  },
};

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** The two hex digits of every byte, so encoding a digest is one lookup per byte (it runs on every create). */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BYTES[bytes[i]!];
  return hex;
}

/** Compares two MACs in time that depends only on their length, never on where they differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
