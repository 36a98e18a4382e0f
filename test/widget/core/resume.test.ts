import { describe, expect, it } from 'vitest';
import { forget, recall, REMEMBER_MS, remember, resumeKey } from '../../../widget/core/resume.ts';

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
