/**
 * Figure 5 — edge bundle: `signer/worker.ts` bundled the way Wrangler bundles a Worker (esbuild, ES
 * module, `workerd`/`worker`/`browser` conditions) and minified; raw and gzip bytes against the
 * Workers size limit, next to a bare Hono Worker bundled the same way, with the share of each package.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { writeOpenApi } from '../scripts/openapi.ts';
import { packageOf } from './attribution.ts';
import { kb, percent } from './format.ts';
import type { FigureResult, Row } from './table.ts';
import { gzipBytes } from './weigh.ts';

/** Issue 14's budget for the signer's Worker, after gzip (1 KB = 1000 bytes). */
export const EDGE_BUDGET_BYTES = 73_000;

/** Cloudflare Workers' script size limit on the free plan, after gzip (paid plans: 10 MB). */
export const WORKERS_FREE_LIMIT_BYTES = 3_000_000;

const WORKER_BUILD: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'silent',
};

/** Data files of ours, counted apart from our code. */
const STATIC_PARTS: Array<[file: string, group: string]> = [
  ['signer/openapi.json', 'OpenAPI document (static JSON)'],
  ['signer/policy/phone-metadata.json', 'phone metadata (libphonenumber-js mobile, no formats)'],
];

/** Parts smaller than this stay in the JSON but get no row of their own. */
const MIN_ROW_BYTES = 100;

export interface EdgeWeight {
  raw: number;
  gzip: number;
  /** Minified bytes per package ("own code" for signer/ and widget/), largest first. */
  parts: { group: string; bytes: number; share: number }[];
}

export async function edgeBundle({ root, workDir }: { root: string; workDir: string }): Promise<FigureResult> {
  mkdirSync(workDir, { recursive: true });
  // The Worker's build step, as Wrangler runs it (`[build] command` in signer/wrangler.toml).
  writeOpenApi();
  const signer = await bundle(root, workDir, 'signer-worker.js', { entryPoints: [join(root, 'signer/worker.ts')] });
  const bare = await bundle(root, workDir, 'bare-hono-worker.js', {
    stdin: {
      contents: "import { createBareSubject } from './bare-app.ts';\nconst app = createBareSubject();\nexport default { fetch: app.fetch };\n",
      resolveDir: join(root, 'bench'),
      sourcefile: 'bare-worker.ts',
      loader: 'ts',
    },
  });
  const rows: Row[] = [
    {
      label: 'Edge bundle (signer/worker.ts, minified)',
      value: `${kb(signer.gzip)} gz · ${kb(signer.raw)} min`,
      reference: `≤ ${kb(EDGE_BUDGET_BYTES)} gz: ${signer.gzip <= EDGE_BUDGET_BYTES ? 'met' : 'OVER BUDGET'}; bare Hono Worker ${kb(bare.gzip)} gz (same run); Workers limit 3 MB gz (free plan)`,
    },
    ...signer.parts.filter((part) => part.bytes >= MIN_ROW_BYTES).map((part) => ({ label: `  ${part.group}`, value: `${percent(part.share)} · ${kb(part.bytes)} min`, reference: '' })),
  ];
  return {
    id: 'edge-bundle',
    title: 'Edge bundle',
    rows,
    data: { signerWorker: signer, bareHonoWorker: bare, budgetBytes: EDGE_BUDGET_BYTES, workersFreeLimitBytes: WORKERS_FREE_LIMIT_BYTES },
    notes: ['Edge bundle: `npm run openapi` (the Worker\'s build step) then esbuild as Wrangler runs it (ESM, conditions workerd/worker/browser), minified; gzip level 9; parts are minified bytes per package from the esbuild metafile, the static OpenAPI document (signer/openapi.json) and the phone metadata (signer/policy/phone-metadata.json) counted apart from our code.'],
  };
}

async function bundle(root: string, workDir: string, name: string, entry: BuildOptions): Promise<EdgeWeight> {
  const outfile = join(workDir, name);
  const result = await build({ ...WORKER_BUILD, ...entry, outfile, absWorkingDir: root });
  const code = result.outputFiles![0]!.contents;
  writeFileSync(outfile, code);
  return { raw: code.length, gzip: gzipBytes(code), parts: partsOf(result.metafile!, relative(root, outfile), code.length) };
}

function partsOf(metafile: Metafile, output: string, raw: number): EdgeWeight['parts'] {
  const inputs = metafile.outputs[output]?.inputs ?? {};
  const totals = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const group = packageOf(path) ?? STATIC_PARTS.find(([file]) => path.endsWith(file))?.[1] ?? 'own code';
    totals.set(group, (totals.get(group) ?? 0) + bytesInOutput);
  }
  const mapped = [...totals.values()].reduce((sum, bytes) => sum + bytes, 0);
  if (raw > mapped) totals.set('bundler glue', raw - mapped);
  return [...totals]
    .map(([group, bytes]) => ({ group, bytes, share: bytes / raw }))
    .sort((a, b) => b.bytes - a.bytes);
}
