/**
 * Languages for the ES module build: a dynamic `import()` each, so a dealer's bundler splits every
 * language but English into a chunk of its own, fetched only by pages that show it.
 */
import type { Language } from '../contract.ts';
import type { LoadStrings, Strings } from './index.ts';

const MODULES: Record<Exclude<Language, 'en'>, () => Promise<{ default: Strings }>> = {
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
};

export const loadStringsModule: LoadStrings = async (lang) => {
  const load = MODULES[lang as keyof typeof MODULES];
  if (!load) throw new Error(`no strings for ${lang}`);
  return (await load()).default;
};
