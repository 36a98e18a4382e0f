/**
 * A build step for the script-tag build: every language but English becomes a file of its own beside
 * `pave-capture.js` — `pave-capture.fr.js`, `pave-capture.es.js`… — a minified ES module whose default
 * export is that language's strings (`widget/strings/<lang>.ts`, types stripped). The script loads the one
 * its page needs (see `widget/strings/beside-script.ts`); the ES module build splits them by `import()`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minify, transformWithOxc, type Plugin } from 'vite';
import { SUPPORTED } from '../widget/strings/index.ts';

/** The file the script-tag build loads for `lang`. */
export const languageFileName = (lang: string) => `pave-capture.${lang}.js`;

/** One language's strings module as shipped: TypeScript stripped, minified, still an ES module. */
export async function languageFile(source: string, filename: string): Promise<string> {
  const { code } = await transformWithOxc(source, filename, { lang: 'ts' });
  return (await minify(filename.replace(/\.ts$/, '.js'), code, { module: true, compress: true, mangle: true })).code;
}

/** The Vite plugin: emits the language files with the script-tag build. */
export function languageFilesPlugin(stringsDir: string): Plugin {
  return {
    name: 'pave-language-files',
    apply: 'build',
    async generateBundle() {
      for (const lang of SUPPORTED.filter((l) => l !== 'en')) {
        const path = resolve(stringsDir, `${lang}.ts`);
        this.emitFile({ type: 'asset', fileName: languageFileName(lang), source: await languageFile(readFileSync(path, 'utf8'), path) });
      }
    },
  };
}
