/**
 * A build step for the script-tag build: what the widget fetches on demand becomes files of their own beside
 * `pave-capture.js` (see `widget/beside-script.ts`), each a minified ES module:
 * - `pave-capture.fr.js`, `pave-capture.es.js`…: every language but English, its strings as the default
 *   export (`widget/strings/<lang>.ts`, types stripped);
 * - `pave-capture.qr.js`: the QR encoder, `widget/qr.ts` with lean-qr bundled in, and its source map (the
 *   bench reads it).
 * The ES module build needs none of this: its `import()`s become chunks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, minify, transformWithOxc, type Plugin, type Rolldown } from 'vite';
import { SUPPORTED } from '../widget/strings/index.ts';

/** The file the script-tag build loads for `name` (a language, or `qr`). */
export const onDemandFileName = (name: string) => `pave-capture.${name}.js`;

/** Every on-demand file's name: one per language but English, and the QR encoder. */
export const ON_DEMAND_FILES = [...SUPPORTED.filter((lang) => lang !== 'en'), 'qr'].map(onDemandFileName);

/** One language's strings module as shipped: TypeScript stripped, minified, still an ES module. */
export async function languageFile(source: string, filename: string): Promise<string> {
  const { code } = await transformWithOxc(source, filename, { lang: 'ts' });
  return (await minify(filename.replace(/\.ts$/, '.js'), code, { module: true, compress: true, mangle: true })).code;
}

/** `widget/qr.ts` and what it imports, as one minified ES module, with its source map. */
export async function qrFile(entry: string, conditions: string[]): Promise<{ code: string; map: string }> {
  const fileName = onDemandFileName('qr');
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rolldownOptions: { output: { minify: true } },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const chunk = chunks.find((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.fileName === fileName);
  if (!chunk?.map) throw new Error(`building ${fileName} wrote no code or no source map`);
  return { code: chunk.code, map: chunk.map.toString() };
}

/** The Vite plugin: emits the on-demand files with the script-tag build. */
export function onDemandFilesPlugin(widgetDir: string, conditions: string[]): Plugin {
  return {
    name: 'pave-on-demand-files',
    apply: 'build',
    async generateBundle() {
      for (const lang of SUPPORTED.filter((l) => l !== 'en')) {
        const path = resolve(widgetDir, 'strings', `${lang}.ts`);
        this.emitFile({ type: 'asset', fileName: onDemandFileName(lang), source: await languageFile(readFileSync(path, 'utf8'), path) });
      }
      const qr = await qrFile(resolve(widgetDir, 'qr.ts'), conditions);
      this.emitFile({ type: 'asset', fileName: onDemandFileName('qr'), source: qr.code });
      this.emitFile({ type: 'asset', fileName: `${onDemandFileName('qr')}.map`, source: qr.map });
    },
  };
}
