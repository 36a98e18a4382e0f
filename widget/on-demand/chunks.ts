/**
 * The on-demand modules of the ES module build (see `loader.ts`): a dynamic `import()` each, so a
 * dealer's bundler splits them into chunks of their own, fetched only by the pages that need them.
 */
import type { Language } from '../../contract/schema.ts';
import type { LoadModule } from './loader.ts';

/**
 * Every on-demand module by name. A language's is `../strings/<lang>.ts`, any other `./<name>.ts`: the script-tag
 * build makes `pave-capture.<name>.js` of each (scripts/on-demand-files.ts).
 */
const MODULES: Record<Exclude<Language, 'en'> | 'qr' | 'turnstile' | 'handoff', () => Promise<unknown>> = {
  fr: () => import('../strings/fr.ts'),
  es: () => import('../strings/es.ts'),
  qr: () => import('./qr.ts'),
  turnstile: () => import('./turnstile.ts'),
  handoff: () => import('./handoff.ts'),
};

/** The on-demand modules' names. */
export const ON_DEMAND = Object.keys(MODULES);

export const loadModule: LoadModule = (name) => MODULES[name as keyof typeof MODULES]?.() ?? Promise.reject(new Error(`no module ${name}`));
