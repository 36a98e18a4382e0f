import { describe, expect, it } from 'vitest';
import { keepsKey, retryBlockedUntil } from '../../../widget/core/retry.ts';

const error = (code: string, extra: object = {}) => ({ code, message: code, issues: [], ...extra }) as never;

describe('a retry after a failed create', () => {
  it('keeps the key only where the signer may have acted on it', () => {
    expect(keepsKey(error('network_error'), 'link')).toBe(true);
    expect(keepsKey(error('bad_response'), 'link')).toBe(true);
    expect(keepsKey(error('upstream_timeout', { mayHaveTexted: true }), 'sms')).toBe(true);
    expect(keepsKey(error('upstream_timeout'), 'sms')).toBe(true);
    // Nothing texted, nothing kept by the signer: a new key, so nothing can replay the failure.
    expect(keepsKey(error('upstream_error'), 'link')).toBe(false);
    expect(keepsKey(error('upstream_timeout'), 'link')).toBe(false);
    expect(keepsKey(error('rate_limited'), 'sms')).toBe(false);
    expect(keepsKey(error('busy'), 'sms')).toBe(false);
  });

  it('waits for Retry-After only when PAVE may have texted', () => {
    expect(retryBlockedUntil(error('upstream_timeout', { mayHaveTexted: true, retryAt: 5000 }), 1000)).toBe(5000);
    expect(retryBlockedUntil(error('upstream_timeout', { mayHaveTexted: true, retryAt: 5000 }), 6000)).toBeUndefined();
    // At the very millisecond it was told, the retry may go.
    expect(retryBlockedUntil(error('upstream_timeout', { mayHaveTexted: true, retryAt: 5000 }), 5000)).toBeUndefined();
    expect(retryBlockedUntil(error('upstream_timeout', { mayHaveTexted: true, retryAt: 5000 }), 4999)).toBe(5000);
    expect(retryBlockedUntil(error('rate_limited', { retryAt: 5000 }), 1000)).toBeUndefined();
    expect(retryBlockedUntil(undefined, 1000)).toBeUndefined();
  });
});
