/**
 * Figure 1 — widget weight. Runs the project's own build (`npm run build`), then weighs
 * - the script-tag build `dist/pave-capture.js` (everything inlined but what is fetched on demand), and each
 *   file beside it that a page fetches only when it needs it: a language other than English
 *   (`dist/pave-capture.fr.js`, …), the QR encoder (`dist/pave-capture.qr.js`, a desktop that asks for a link);
 * - the ES module build `dist/esm/index.js` bundled with its dependencies (lit, lean-qr) and minified, as a
 *   dealer's bundler would ship it: the main chunk, and the chunks its `import()`s split off,
 * in min+gzip and min+brotli bytes against the budget, with the share of each part read from the
 * source maps. Each on-demand row also gives what a page that needs it downloads with the main file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { kb, percent } from './format.ts';
import { run } from './processes.ts';
import type { FigureResult, Row } from './table.ts';
import { brotliBytes, gzipBytes, weigh, type Weight } from './weigh.ts';
import type { SourceMapV3 } from './sourcemap.ts';

/** The widget's budget and aim, in min+gzip bytes (1 KB = 1000 bytes). */
export const BUDGET_BYTES = 13_000; // issue 14: the script-tag file, LitElement kept
export const AIM_BYTES = 12_000;

/** Parts smaller than this stay in the JSON but get no row of their own. */
const MIN_ROW_BYTES = 100;

/** A file fetched on demand — a language's words (`fr`, `es`…) or the QR encoder (`qr`) — and where it comes from. */
export interface OnDemandWeight {
  part: string;
  file: string;
  weight: Weight;
}

/** A build as a page receives it: the file every page loads, and the files it fetches on demand. */
export interface BuildWeight {
  main: Weight;
  onDemand: OnDemandWeight[];
}

export interface WidgetSizeOptions {
  root: string;
  /** Where the bundled ES module goes (inside the git-ignored bench folder). */
  workDir: string;
}

export async function widgetSize({ root, workDir }: WidgetSizeOptions): Promise<FigureResult> {
  const built = await run('npm', ['run', 'build'], { cwd: root, timeoutMs: 180_000 });
  if (built.code !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);

  const scriptTag = weighScriptTag(join(root, 'dist'));
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
      'Fetched on demand: what follows the press (as the create request is sent, in parallel with it), a language other than English (only by a page whose widget shows it), the QR encoder (only on a desktop, when the customer asks for the link) and the bot check (only with turnstile-sitekey); each "+" row gives that file, and what such a page downloads with the main file (each compressed alone).',
    ],
  };
}

/** The script and the files beside it that it fetches on demand (`pave-capture.<part>.js`). */
function weighScriptTag(dist: string): BuildWeight {
  const onDemand = readdirSync(dist)
    .map((name) => ({ name, part: /^pave-capture\.([a-z0-9-]+)\.js$/i.exec(name)?.[1] }))
    .filter((file): file is { name: string; part: string } => file.part !== undefined)
    .map(({ name, part }) => ({ part, file: `dist/${name}`, weight: weighFile(join(dist, name)) }));
  return { main: weighFile(join(dist, 'pave-capture.js')), onDemand: onDemand.sort(byPart) };
}

/** Without a source map (the build stopped writing one) the sizes still count; only the breakdown is lost. */
function weighFile(path: string): Weight {
  const code = readFileSync(path, 'utf8');
  const map = existsSync(`${path}.map`) ? (JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMapV3) : undefined;
  return weigh(code, map);
}

/**
 * Bundles the ES module build with its dependencies, splitting on `import()` as a dealer's bundler does;
 * esbuild follows the build's own source map back to widget/*.ts. A chunk holding one language's strings
 * file (`strings/<lang>.js`) is that language's; the one holding `qr.js` is the QR encoder's.
 */
async function weighEsmWithDependencies(entry: string, workDir: string): Promise<BuildWeight> {
  const outdir = join(workDir, 'widget-esm-with-deps');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none', // as the script-tag build: Vite drops them too
    sourcemap: 'external',
    outdir,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((file) => [file.path, file.text]));
  for (const [path, text] of files) writeFileSync(path, text);
  let main: { code: string; map: SourceMapV3; imports: string[] } | undefined;
  const shared = new Map<string, { code: string; map: SourceMapV3 }>();
  const onDemand: OnDemandWeight[] = [];
  for (const [relativePath, output] of Object.entries(result.metafile.outputs)) {
    if (!relativePath.endsWith('.js')) continue;
    const path = [...files.keys()].find((key) => key.endsWith(relativePath.replace(/^.*widget-esm-with-deps\//, '/')))!;
    const code = files.get(path)!;
    const map = JSON.parse(files.get(`${path}.map`)!) as SourceMapV3;
    const weight = weigh(code, map);
    const inputs = Object.keys(output.inputs);
    const lang = inputs.map((input) => /dist\/esm\/strings\/([a-z]{2,3})\.js$/.exec(input)?.[1]).find(Boolean);
    // esbuild names each `import()` target an entry point too: the on-demand tests come first.
    if (lang) onDemand.push({ part: lang, file: `chunk of dist/esm/strings/${lang}.js`, weight });
    else if (inputs.some((input) => input.endsWith('dist/esm/qr.js'))) onDemand.push({ part: 'qr', file: 'chunk of dist/esm/qr.js + lean-qr', weight });
    else if (inputs.some((input) => input.endsWith('dist/esm/turnstile.js'))) onDemand.push({ part: 'turnstile', file: 'chunk of dist/esm/turnstile.js', weight });
    else if (inputs.some((input) => input.endsWith('dist/esm/handoff.js'))) onDemand.push({ part: 'handoff', file: 'chunk of dist/esm/handoff.js', weight });
    else if (output.entryPoint) main = { code, map, imports: output.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path) };
    else shared.set(relativePath, { code, map });
  }
  if (!main) throw new Error('esbuild wrote no entry chunk');
  // Code the entry shares with an on-demand chunk sits in a chunk of its own, which the entry imports: every page loads it.
  const loaded = [main, ...main.imports.map((path) => shared.get(path)).filter((chunk) => chunk !== undefined)];
  const unknown = [...shared.keys()].filter((path) => !main!.imports.includes(path));
  if (unknown.length) throw new Error(`esbuild made a chunk the bench does not know: ${unknown.join(', ')}`);
  return { main: weighTogether(loaded), onDemand: onDemand.sort(byPart) };
}

/** Chunks every page loads together, weighed as one: their code joined, their parts summed. */
function weighTogether(chunks: { code: string; map: SourceMapV3 }[]): Weight {
  const weights = chunks.map(({ code, map }) => weigh(code, map));
  const raw = weights.reduce((sum, w) => sum + w.raw, 0);
  const bytes = new Map<string, number>();
  for (const part of weights.flatMap((w) => w.parts)) bytes.set(part.group, (bytes.get(part.group) ?? 0) + part.bytes);
  const parts = [...bytes].map(([group, n]) => ({ group, bytes: n, share: n / raw })).sort((a, b) => b.bytes - a.bytes);
  const code = chunks.map((chunk) => chunk.code).join('\n');
  return { raw, gzip: gzipBytes(code), brotli: brotliBytes(code), parts };
}

/** Languages by code, then what follows the press, the QR encoder, the bot check. */
const ORDER = ['handoff', 'qr', 'turnstile'];
const byPart = (a: OnDemandWeight, b: OnDemandWeight) => ORDER.indexOf(a.part) - ORDER.indexOf(b.part) || a.part.localeCompare(b.part);

const PART_NAMES: Record<string, string> = { fr: 'French', es: 'Spanish', qr: 'QR encoder', turnstile: 'bot check (Turnstile)', handoff: 'hand-off (screens, status, words after the press)' };
const WHO_NEEDS: Record<string, string> = {
  handoff: 'pages whose button is pressed, or that resume a session,',
  qr: 'desktops that ask for a link',
  turnstile: 'pages with turnstile-sitekey',
};

/** The table rows of one build: the main file against the budget, its parts, then each file fetched on demand. */
export function rowsFor(label: string, build: BuildWeight): Row[] {
  const { main } = build;
  const verdict = main.gzip <= AIM_BYTES ? 'within aim' : main.gzip <= BUDGET_BYTES ? 'within budget, over aim' : 'OVER BUDGET';
  return [
    {
      label,
      value: sizes(main),
      reference: `≤ ${kb(BUDGET_BYTES)} gz, aim ${kb(AIM_BYTES)}: ${verdict}`,
    },
    ...main.parts.filter((part) => part.bytes >= MIN_ROW_BYTES).map((part) => ({
      label: `  ${part.group}`,
      value: `${percent(part.share)} · ≈ ${kb(part.share * main.gzip)} gz`,
      reference: '',
    })),
    ...(main.parts.length ? [] : [{ label: '  (no source map: no breakdown)', value: '', reference: '' }]),
    ...build.onDemand.map(({ part, file, weight }) => ({
      label: `  + ${PART_NAMES[part] ?? part}, on demand (${file})`,
      value: sizes(weight),
      reference: `${WHO_NEEDS[part] ?? `pages in ${PART_NAMES[part] ?? part}`} only: ${kb(main.gzip + weight.gzip)} gz with the main file`,
    })),
  ];
}

function sizes(weight: Weight): string {
  return `${kb(weight.gzip)} gz · ${kb(weight.brotli)} br · ${kb(weight.raw)} min`;
}
