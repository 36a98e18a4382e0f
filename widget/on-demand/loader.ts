/**
 * What the widget fetches the first time it needs it, rather than in the file every page loads: a
 * language's words (`fr`, `es`: the module's default export) and the QR encoder (`qr`: its `qrPath`).
 * Where they come from is the entry file's business — `import()` chunks in the ES module build
 * (`chunks.ts`), files beside the script in the script-tag build (`beside-script.ts`) — said once with
 * `setModuleLoader`. Without a loader nothing is fetched and the widget does without (English, no QR code).
 */

import { warnOnce } from '../core/dev-help.ts';
import { sideFileHint } from '../strings/developer.ts';

/** Fetches the on-demand module of that name. */
export type LoadModule = (name: string) => Promise<unknown>;

let loadModule: LoadModule = () => Promise.reject(new Error('no loader'));

/** Says where on-demand modules come from; each entry file calls it once (index.ts, script-tag.ts). */
export function setModuleLoader(load: LoadModule): void {
  loadModule = load;
}

/**
 * Fetches an on-demand module once more each call (callers that keep what they get, e.g. `../pave-capture/bot-check.ts`).
 * A failure tells the developer (once per file): a side file that does not load is a deployment problem.
 */
export const fetchModule: LoadModule = (name) =>
  loadModule(name).catch((error: unknown) => {
    warnOnce(`sideFile:${name}`, sideFileHint(name));
    throw error;
  });

/**
 * Answers what is already here, `null` for good if it could not be had, `undefined` while it is not here yet;
 * asking for what is not starts fetching it, once per key for the page's lifetime, and `onSettled` runs when
 * it arrives or fails. A failed fetch is not retried (a broken file is not asked for on every render): the
 * caller keeps its fallback. Pure: the fetching is passed in.
 * @example
 * const words = lazy((lang: string) => fetchWords(lang));
 * words('fr', () => element.requestUpdate()) ?? english
 */
export function lazy<K, V>(load: (key: K) => Promise<V>): (key: K, onSettled?: () => void) => V | null | undefined {
  const settled = new Map<K, V | null>();
  const loading = new Map<K, Promise<unknown>>();
  return (key, onSettled) => {
    if (!settled.has(key)) {
      let pending = loading.get(key);
      if (!pending) loading.set(key, (pending = load(key).then((value) => settled.set(key, value), () => settled.set(key, null))));
      if (onSettled) void pending.then(() => onSettled());
    }
    return settled.get(key);
  };
}

/**
 * On-demand modules by name, through the loader `setModuleLoader` installed (read at fetch time), keeping
 * what `pick` takes from each.
 * @example const encoder = onDemand((module: typeof import('./qr.ts')) => module.qrPath); encoder('qr', rerender)
 */
export function onDemand<M, V>(pick: (module: M) => V): (name: string, onSettled?: () => void) => V | null | undefined {
  return lazy(async (name: string) => pick((await fetchModule(name)) as M));
}
