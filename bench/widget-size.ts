/**
 * Figure 1 — widget weight. Runs the project's own build (`npm run build`), then weighs
 * - the script-tag build `dist/pave-capture.js` (everything inlined), and
 * - the ES module build `dist/esm/index.js` bundled with its dependencies (lit, zod, lean-qr) and
 *   minified, as a dealer's bundler would ship it,
 * in min+gzip and min+brotli bytes against the budget, with the share of each part read from the
 * source maps.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { kb, percent } from './format.ts';
import { run } from './processes.ts';
import type { FigureResult, Row } from './table.ts';
import { weigh, type Weight } from './weigh.ts';
import type { SourceMapV3 } from './sourcemap.ts';

/** The widget's budget and aim, in min+gzip bytes (1 KB = 1000 bytes). */
export const BUDGET_BYTES = 14_000;
export const AIM_BYTES = 12_000;

/** Parts smaller than this stay in the JSON but get no row of their own. */
const MIN_ROW_BYTES = 100;

export interface WidgetSizeOptions {
  root: string;
  /** Where the bundled ES module goes (inside the git-ignored bench folder). */
  workDir: string;
}

export async function widgetSize({ root, workDir }: WidgetSizeOptions): Promise<FigureResult> {
  const built = await run('npm', ['run', 'build'], { cwd: root, timeoutMs: 180_000 });
  if (built.code !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);

  const scriptTag = weighFile(join(root, 'dist/pave-capture.js'));
  const esmWithDeps = await weighEsmWithDependencies(join(root, 'dist/esm/index.js'), workDir);

  const rows: Row[] = [
    ...rowsFor('Widget, script tag (dist/pave-capture.js)', scriptTag),
    ...rowsFor('Widget, ES module + its dependencies, minified', esmWithDeps),
  ];
  return {
    id: 'widget-size',
    title: 'Widget weight',
    rows,
    data: { budgetBytes: BUDGET_BYTES, aimBytes: AIM_BYTES, scriptTag, esmWithDependencies: esmWithDeps },
    notes: [
      'Widget sizes: gzip level 9, brotli quality 11; 1 KB = 1000 bytes. Parts are shares of the minified bytes (from the source maps); their gzip figure is that share of the gzip total.',
    ],
  };
}

/** Without a source map (the build stopped writing one) the sizes still count; only the breakdown is lost. */
function weighFile(path: string): Weight {
  const code = readFileSync(path, 'utf8');
  const map = existsSync(`${path}.map`) ? (JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMapV3) : undefined;
  return weigh(code, map);
}

/** Bundles the ES module build with its dependencies; esbuild follows the build's own source map back to widget/*.ts. */
async function weighEsmWithDependencies(entry: string, workDir: string): Promise<Weight> {
  mkdirSync(workDir, { recursive: true });
  const outfile = join(workDir, 'widget-esm-with-deps.js');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none', // as the script-tag build: Vite drops them too
    sourcemap: 'external',
    outfile,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'))!.text;
  writeFileSync(outfile, code);
  writeFileSync(`${outfile}.map`, map);
  return weigh(code, JSON.parse(map) as SourceMapV3);
}

function rowsFor(label: string, weight: Weight): Row[] {
  const verdict = weight.gzip <= AIM_BYTES ? 'within aim' : weight.gzip <= BUDGET_BYTES ? 'within budget, over aim' : 'OVER BUDGET';
  return [
    {
      label,
      value: `${kb(weight.gzip)} gz · ${kb(weight.brotli)} br · ${kb(weight.raw)} min`,
      reference: `≤ ${kb(BUDGET_BYTES)} gz, aim ${kb(AIM_BYTES)}: ${verdict}`,
    },
    ...weight.parts.filter((part) => part.bytes >= MIN_ROW_BYTES).map((part) => ({
      label: `  ${part.group}`,
      value: `${percent(part.share)} · ≈ ${kb(part.share * weight.gzip)} gz`,
      reference: '',
    })),
    ...(weight.parts.length ? [] : [{ label: '  (no source map: no breakdown)', value: '', reference: '' }]),
  ];
}
