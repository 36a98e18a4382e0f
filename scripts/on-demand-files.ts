/**
 * A build step for the script-tag build: each module the widget fetches on demand (`ON_DEMAND` of
 * `widget/on-demand/chunks.ts`) becomes a file of its own beside `pave-capture.js` (see
 * `widget/on-demand/beside-script.ts`), a minified ES module:
 * - `pave-capture.fr.js`, `pave-capture.es.js`…: every language but English, its strings as the default
 *   export (`widget/strings/<lang>.ts`, types stripped);
 * - `pave-capture.qr.js` (any other name): `widget/on-demand/<name>.ts` with what it imports bundled in
 *   (lean-qr for the QR encoder), and its source map (the bench reads it).
 * The ES module build needs none of this: its `import()`s become chunks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, minify, transformWithOxc, type Plugin, type Rolldown } from 'vite';
import { ON_DEMAND } from '../widget/on-demand/chunks.ts';
import { minifyTemplatesPlugin } from './minify-templates.ts';
import { SUPPORTED } from '../widget/strings/index.ts';

/** The file the script-tag build loads for `name` (a language, or `qr`). */
export const onDemandFileName = (name: string) => `pave-capture.${name}.js`;

/** Every on-demand file's name. */
export const ON_DEMAND_FILES = ON_DEMAND.map(onDemandFileName);

const isLanguage = (name: string) => (SUPPORTED as readonly string[]).includes(name);

/** One language's strings module as shipped: TypeScript stripped, minified, still an ES module. */
export async function languageFile(source: string, filename: string): Promise<string> {
  const { code } = await transformWithOxc(source, filename, { lang: 'ts' });
  return (await minify(filename.replace(/\.ts$/, '.js'), code, { module: true, compress: true, mangle: true })).code;
}

/** A module and what it imports (e.g. `widget/on-demand/qr.ts` and lean-qr), as one minified ES module with its source map. */
export async function bundledFile(entry: string, name: string, conditions: string[]): Promise<{ code: string; map: string }> {
  const fileName = onDemandFileName(name);
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions },
    // The hand-off module's Lit templates, collapsed as the main file's are.
    plugins: [minifyTemplatesPlugin()],
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
      for (const name of ON_DEMAND) {
        const fileName = onDemandFileName(name);
        if (isLanguage(name)) {
          const path = resolve(widgetDir, 'strings', `${name}.ts`);
          this.emitFile({ type: 'asset', fileName, source: await languageFile(readFileSync(path, 'utf8'), path) });
        } else {
          const { code, map } = await bundledFile(resolve(widgetDir, 'on-demand', `${name}.ts`), name, conditions);
          this.emitFile({ type: 'asset', fileName, source: code });
          this.emitFile({ type: 'asset', fileName: `${fileName}.map`, source: map });
        }
      }
    },
  };
}
