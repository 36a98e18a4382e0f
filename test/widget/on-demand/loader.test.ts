import { describe, expect, it, vi } from 'vitest';
import { lazy, onDemand, setModuleLoader } from '../../../widget/on-demand/loader.ts';

/** A load the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

describe('lazy', () => {
  it('answers undefined until the value is here, fetching it once however often it is asked for', async () => {
    const pending = deferred<string>();
    const load = vi.fn(() => pending.promise);
    const get = lazy(load);
    const first = vi.fn();
    const second = vi.fn();
    expect(get('fr', first)).toBeUndefined();
    expect(get('fr', second)).toBeUndefined();
    expect(get('fr')).toBeUndefined();
    pending.resolve('bonjour');
    await vi.waitFor(() => expect(second).toHaveBeenCalledOnce());
    expect(first).toHaveBeenCalledOnce();
    expect(get('fr', first)).toBe('bonjour');
    expect(first).toHaveBeenCalledOnce(); // already here: no callback
    expect(load).toHaveBeenCalledOnce();
    expect(load).toHaveBeenCalledWith('fr');
  });

  it('keeps one value per key', async () => {
    const get = lazy(async (lang: string) => `words of ${lang}`);
    get('fr');
    get('es');
    await vi.waitFor(() => expect(get('es')).toBe('words of es'));
    expect(get('fr')).toBe('words of fr');
  });

  it('answers null for good, without asking again, when the fetch fails (and says it settled, once)', async () => {
    const pending = deferred<string>();
    const load = vi.fn(() => pending.promise);
    const get = lazy(load);
    const onSettled = vi.fn();
    expect(get('qr', onSettled)).toBeUndefined();
    pending.reject(new TypeError('Failed to fetch dynamically imported module'));
    await vi.waitFor(() => expect(onSettled).toHaveBeenCalledOnce());
    expect(get('qr', onSettled)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onSettled).toHaveBeenCalledOnce(); // settled already: no callback
    expect(load).toHaveBeenCalledOnce();
  });
});

describe('onDemand', () => {
  it('fetches modules by name through the loader installed when it fetches, keeping what it picks', async () => {
    const encoder = onDemand((module: { qrPath: () => string }) => module.qrPath);
    const loadModule = vi.fn(async (name: string) => ({ qrPath: () => `drawn by ${name}` }));
    setModuleLoader(loadModule);
    const arrived = vi.fn();
    expect(encoder('qr', arrived)).toBeUndefined();
    await vi.waitFor(() => expect(arrived).toHaveBeenCalledOnce());
    expect(encoder('qr')?.()).toBe('drawn by qr');
    expect(loadModule).toHaveBeenCalledExactlyOnceWith('qr');
  });
});
