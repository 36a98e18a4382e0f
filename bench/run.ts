/**
 * `npm run bench`: every figure of issue 6, one table, JSON under `.bench/` (git-ignored).
 *
 *   npm run bench                         all five figures (≈ 2 minutes on 2 cores)
 *   npm run bench -- --only=widget,edge   some of them: widget, throughput, latency, click, edge
 *   npm run bench -- --quick              fewer and shorter runs, for a look while iterating
 *
 * Writes `.bench/latest.json`, `.bench/runs/<date>.json` (every run kept, to compare) and
 * `.bench/latest.md` (the table as Markdown, for the README). Exits 1 when a figure could not be taken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { clickToLink } from './click-to-link.ts';
import { edgeBundle } from './edge-bundle.ts';
import { latency } from './latency.ts';
import { describeMachine, machineLine } from './machine.ts';
import { killAll } from './processes.ts';
import { formatMarkdown, formatTable, type FigureResult } from './table.ts';
import { throughput } from './throughput.ts';
import { widgetSize } from './widget-size.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, '.bench');
const workDir = join(outDir, 'work');

const FIGURES = ['widget', 'throughput', 'latency', 'click', 'edge'] as const;
type FigureName = (typeof FIGURES)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const unknown = only?.filter((name) => !FIGURES.includes(name as FigureName)) ?? [];
if (unknown.length) {
  console.error(`unknown figure(s): ${unknown.join(', ')}; choose from ${FIGURES.join(', ')}`);
  process.exit(2);
}
const selected = FIGURES.filter((name) => !only || only.includes(name));

const take: Record<FigureName, () => Promise<FigureResult>> = {
  widget: () => widgetSize({ root, workDir }),
  edge: () => edgeBundle({ root, workDir }),
  latency: () =>
    latency(quick ? { iterations: 1_000, warmup: 200, maxSeconds: 1 } : { iterations: 5_000, warmup: 500, maxSeconds: 4 }),
  throughput: () =>
    throughput({
      root,
      workDir,
      connections: 32,
      ...(quick ? { rounds: 3, seconds: 2, warmupSeconds: 3 } : { rounds: 5, seconds: 3, warmupSeconds: 5 }),
    }),
  click: () => clickToLink({ root, ...(quick ? { runs: 5, warmup: 1 } : { runs: 15, warmup: 2 }) }),
};

/** Cheap and quiet figures first, the load test before the browser; the table keeps the issue's order. */
const RUN_ORDER: FigureName[] = ['widget', 'edge', 'latency', 'throughput', 'click'];
const TITLES: Record<FigureName, string> = {
  widget: 'Widget weight',
  throughput: 'Signer throughput ratio',
  latency: 'Added latency',
  click: 'Click to link',
  edge: 'Edge bundle',
};

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const machine = describeMachine();
console.error(`bench: ${machineLine(machine)}${quick ? ' · quick' : ''}`);

const results = new Map<FigureName, FigureResult>();
const failures: { figure: FigureName; error: string }[] = [];
for (const name of RUN_ORDER.filter((figure) => selected.includes(figure))) {
  const started = performance.now();
  console.error(`bench: ${TITLES[name]}…`);
  try {
    results.set(name, await take[name]());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push({ figure: name, error: message });
    results.set(name, {
      id: name,
      title: TITLES[name],
      rows: [{ label: TITLES[name], value: 'FAILED', reference: message.split('\n')[0]!.slice(0, 120) }],
      data: { error: message },
      notes: [],
    });
  }
  console.error(`bench: ${TITLES[name]} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const figures = selected.map((name) => results.get(name)!);
const rows = figures.flatMap((figure) => figure.rows);
const notes = figures.flatMap((figure) => figure.notes);

console.log(`\n${machineLine(machine)}${quick ? ' · quick run' : ''}\n`);
console.log(formatTable(rows));
if (notes.length) console.log(`\n${notes.map((note) => `- ${note}`).join('\n')}`);

const report = { machine, quick, figures, failures };
mkdirSync(join(outDir, 'runs'), { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
const runFile = join(outDir, 'runs', `${machine.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(join(outDir, 'latest.json'), json);
writeFileSync(runFile, json);
writeFileSync(
  join(outDir, 'latest.md'),
  `Taken on ${machineLine(machine)}${quick ? ' (quick run)' : ''}.\n\n${formatMarkdown(rows)}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`,
);
console.log(`\nWrote ${relative(root, join(outDir, 'latest.json'))}, ${relative(root, runFile)} and ${relative(root, join(outDir, 'latest.md'))}.`);
if (failures.length) {
  for (const failure of failures) console.error(`\n${TITLES[failure.figure]} failed:\n${failure.error}`);
  process.exit(1);
}
