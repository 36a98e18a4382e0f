/**
 * Something the widget fetches the first time it needs it — a language's words, the QR encoder — rather
 * than in the file every page loads. Pure: the fetching is passed in.
 */

/**
 * Answers what is already here (or `undefined`); asking for what is not starts fetching it, once per key
 * for the page's lifetime, and `onLoaded` runs when it arrives. A failed fetch is not retried (a broken
 * file is not asked for on every render): the caller keeps its fallback.
 * @example
 * const words = lazy((lang: string) => import(`./strings/${lang}.js`).then((m) => m.default));
 * words('fr', () => element.requestUpdate()) ?? english
 */
export function lazy<K, V>(load: (key: K) => Promise<V>): (key: K, onLoaded?: () => void) => V | undefined {
  const loaded = new Map<K, V>();
  const loading = new Map<K, Promise<unknown>>();
  return (key, onLoaded) => {
    if (!loaded.has(key)) {
      let pending = loading.get(key);
      if (!pending) loading.set(key, (pending = load(key).then((value) => loaded.set(key, value), () => undefined)));
      if (onLoaded) void pending.then(() => loaded.has(key) && onLoaded());
    }
    return loaded.get(key);
  };
}
