import { describe, expect, it } from 'vitest';
import { isNeverConnected } from '../../../signer/pave/connect-error.ts';

const nodeError = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe('isNeverConnected', () => {
  it.each([
    ['Node: refused', nodeError('ECONNREFUSED')],
    ['Node: no such host', nodeError('ENOTFOUND')],
    ['Node: DNS try again', nodeError('EAI_AGAIN')],
    ['Node: connect timeout', nodeError('UND_ERR_CONNECT_TIMEOUT')],
    ['Bun: refused', Object.assign(new Error('Unable to connect'), { code: 'ConnectionRefused' })],
    ['Deno: refused', new TypeError('error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)')],
    ['Deno: DNS', new TypeError('error sending request: dns error: failed to lookup address information')],
  ])('%s: safe to try once more', (_name, error) => {
    expect(isNeverConnected(error)).toBe(true);
  });

  it.each([
    ['Node: reset after sending', nodeError('ECONNRESET')],
    ['Node: socket closed', nodeError('UND_ERR_SOCKET')],
    ['workerd: lost connection', new Error('Network connection lost.')],
    ['an abort', new DOMException('The operation was aborted.', 'AbortError')],
    ['anything else', new Error('fetch failed')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: may have been received, never retried', (_name, error) => {
    expect(isNeverConnected(error)).toBe(false);
  });

  /** `depth` wrappers around `inner`, each the cause of the one outside it. */
  const wrapped = (inner: unknown, depth: number): unknown => (depth === 0 ? inner : new Error(`wrapper ${depth}`, { cause: wrapped(inner, depth - 1) }));

  it('follows causes five errors deep (a library wrapping undici’s error), and no deeper', () => {
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    expect(isNeverConnected(wrapped(refused, 4))).toBe(true);
    expect(isNeverConnected(wrapped(refused, 5))).toBe(false);
  });

  it('ends on a cause that loops back', () => {
    const looping = new Error('fetch failed');
    looping.cause = looping;
    expect(isNeverConnected(looping)).toBe(false);
  });

  it('reads a null cause or a null error as “may have been received”, without throwing', () => {
    expect(isNeverConnected(new Error('fetch failed', { cause: null }))).toBe(false);
    expect(isNeverConnected(null)).toBe(false);
  });
});
