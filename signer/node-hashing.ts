/**
 * `node:crypto`'s HMAC-SHA256 and SHA-256 behind the signer's hashing port: synchronous, on the calling
 * thread. Web Crypto on Node sends every call through libuv's thread pool, which costs more than the
 * hash itself (`npm run bench`, "Added latency"). Node only: imported by the Node entry, never by
 * shared code.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Hashing } from './pave/hashing.ts';

export const nodeHashing: Hashing = {
  hmacSha256(key) {
    const secret = Buffer.from(key);
    return (message) => createHmac('sha256', secret).update(message).digest();
  },
  sha256(data) {
    return createHash('sha256').update(data).digest();
  },
};
