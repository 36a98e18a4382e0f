import { afterEach, describe, expect, it, vi } from 'vitest';
import { forget, pageStorage, recall, recallStatus, REMEMBER_MS, remember, rememberStatus, resumeKey } from '../../../widget/core/resume.ts';

const session = { session_key: 'DMO-7K2P9QX4ZT', capture_url: 'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT', delivery: 'sms' as const, sms_to: '+1 ••• ••• 4567', ticket: 't' };

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('resume', () => {
  it('remembers a session per signer and site, and recalls it while it is young', () => {
    const storage = memoryStorage();
    const key = resumeKey('/signer', 'main-street');
    remember(storage, key, session, 1000);
    expect(recall(storage, key, 1000 + REMEMBER_MS - 1)).toEqual(session);
    expect(recall(storage, resumeKey('/signer', 'other-dealer'), 1000)).toBeUndefined();
    expect(recall(storage, resumeKey('https://sign.other.example', 'main-street'), 1000)).toBeUndefined();
  });

  it('drops a stale or unreadable entry', () => {
    const storage = memoryStorage();
    const key = resumeKey('/signer', '');
    remember(storage, key, session, 0);
    expect(recall(storage, key, REMEMBER_MS)).toBeUndefined();
    expect(storage.items.has(key)).toBe(false);

    storage.setItem(key, '{"session":{"capture_url":"javascript:alert(1)"},"saved_at":0}');
    expect(recall(storage, key, 1)).toBeUndefined();
    storage.setItem(key, 'not json');
    expect(recall(storage, key, 1)).toBeUndefined();
  });

  it('forgets on start over', () => {
    const storage = memoryStorage();
    const key = resumeKey('/signer', '');
    remember(storage, key, session, 0);
    forget(storage, key);
    expect(recall(storage, key, 1)).toBeUndefined();
  });

  it('never throws when storage is missing or refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => remember(refusing, 'k', session, 0)).not.toThrow();
    expect(recall(refusing, 'k', 0)).toBeUndefined();
    expect(() => forget(refusing, 'k')).not.toThrow();
    expect(recall(undefined, 'k', 0)).toBeUndefined();
  });
});

describe('resume, at its edges', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a session exactly 7 days: recalled from the millisecond it was saved to the last one before', () => {
    expect(REMEMBER_MS).toBe(604_800_000);
    const storage = memoryStorage();
    const key = resumeKey('/signer', 'main-street');
    remember(storage, key, session, 5_000);
    expect(recall(storage, key, 5_000)).toEqual(session);
    expect(recall(storage, key, 5_000 + REMEMBER_MS - 1)).toEqual(session);
    expect(recall(storage, key, 5_000 + REMEMBER_MS)).toBeUndefined();
    expect(storage.items.has(key)).toBe(false);
  });

  it('drops an entry saved in the future (a clock set back) and one without a readable session', () => {
    const storage = memoryStorage();
    remember(storage, 'k', session, 10_000);
    expect(recall(storage, 'k', 9_999)).toBeUndefined();
    expect(storage.items.has('k')).toBe(false);
    storage.items.set('k', JSON.stringify({ session: { session_key: 'only' }, saved_at: 10_000 }));
    expect(recall(storage, 'k', 10_000)).toBeUndefined();
    expect(storage.items.has('k')).toBe(false);
  });

  it('names a page without a site "-"', () => {
    expect(resumeKey('/signer', '')).toBe('pave-capture:-@/signer');
    expect(resumeKey('https://signer.example', 'north')).toBe('pave-capture:north@https://signer.example');
  });

  it('keeps a completed inspection as such, and forgets one that can no longer be used', () => {
    const storage = memoryStorage();
    remember(storage, 'k', session, 1_000);
    expect(recallStatus(storage, 'k')).toBeUndefined();
    rememberStatus(storage, 'k', session, 'PROCESS', 2_000);
    expect(JSON.parse(storage.items.get('k')!)).toEqual({ session, saved_at: 1_000 });
    rememberStatus(storage, 'k', session, 'COMPLETE', 2_000);
    expect(JSON.parse(storage.items.get('k')!)).toEqual({ session, saved_at: 2_000, status: 'COMPLETE' });
    expect(recallStatus(storage, 'k')).toBe('COMPLETE');
    expect(recall(storage, 'k', 2_000)).toEqual(session);
    for (const status of ['EXPIRED', 'INVALID'] as const) {
      remember(storage, 'k', session, 1_000);
      rememberStatus(storage, 'k', session, status, 2_000);
      expect(storage.items.has('k'), status).toBe(false);
    }
  });

  it('recalls no status but COMPLETE, and none from an unreadable or missing entry', () => {
    const storage = memoryStorage();
    storage.items.set('k', JSON.stringify({ session, saved_at: 1, status: 'STARTED' }));
    expect(recallStatus(storage, 'k')).toBeUndefined();
    storage.items.set('k', '{not json');
    expect(recallStatus(storage, 'k')).toBeUndefined();
    expect(recallStatus(storage, 'missing')).toBeUndefined();
    expect(recallStatus(undefined, 'k')).toBeUndefined();
  });

  it('pageStorage is the page’s localStorage, or nothing where touching it throws', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    expect(pageStorage()).toBe(storage);
    vi.unstubAllGlobals();
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get: () => { throw new DOMException('denied', 'SecurityError'); } });
    try {
      expect(pageStorage()).toBeUndefined();
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
