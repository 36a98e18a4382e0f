/**
 * The architecture in a few rules, checked on the import lines of the source (docs/design.md, "Layout"):
 * - contract/ is the shared ground: it imports zod/mini and itself, nothing of either side;
 * - the browser bundle (widget/) pulls in only lit, the QR encoder and itself, and takes from contract/
 *   types only — plus the VIN rule, which runs in the page as the customer types; its pure parts (core/, net/)
 *   import no Lit and nothing of the element, and net/ sits below core/;
 * - the signer imports nothing from widget/, so nothing of the signer can reach the browser bundle;
 * - signer/pave/ and signer/policy/ import neither hono nor node:, and pave/ nothing else of the signer;
 * - the sandbox never imports the signer, so it stays an independent verifier of the signing code;
 * - only runtime entry files touch node: modules or process.env;
 * - no import cycle, and no source file over 300 lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['contract', 'widget', 'signer', 'demo'];
// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`; group 1 tells a type-only import.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(type\s)?[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Import {
  /** Bare specifiers as written; relative ones resolved to repository paths. */
  specifier: string;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const written = (match[2] ?? match[3] ?? match[4])!;
    const specifier = written.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), written)) : written;
    return { specifier, typeOnly: Boolean(match[1]) };
  });
}

function violations(files: string[], allowed: (entry: Import, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((entry) => !allowed(entry, file))
      .map((entry) => `${file} → ${entry.typeOnly ? 'type ' : ''}${entry.specifier}`),
  );
}

/** JSDoc examples may show `process.env`; code may not. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Each cycle once, as the chain of files that closes it. */
function importCycles(files: string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).map((entry) => entry.specifier).filter((target) => known.has(target))]));
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) return void cycles.push([...path.slice(at), file]);
    if (done.has(file)) return;
    for (const target of edges.get(file) ?? []) visit(target, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return cycles;
}

const isHono = (specifier: string) => /^hono(\/|$)|^@hono\//.test(specifier);
const isNode = (specifier: string) => specifier.startsWith('node:');
/** Entries, and Node-only modules only the Node entry imports (named `node-*.ts`). */
const RUNTIME_ENTRIES = /^signer\/(node|bun|deno|worker|node-[a-z-]+)\.ts$/;

describe('import boundaries', () => {
  const all = SOURCE_FOLDERS.flatMap(sourceFiles);

  it('finds the source it checks', () => {
    expect(sourceFiles('widget')).toContain('widget/pave-capture/pave-capture.ts');
    expect(importsOf('signer/routes/create.ts').map((entry) => entry.specifier)).toContain('hono');
    expect(importsOf('widget/index.ts')).toEqual(expect.arrayContaining([{ specifier: 'contract/schema.ts', typeOnly: true }]));
    expect(all.length).toBeGreaterThan(80);
  });

  it('contract/ imports only zod/mini and contract/', () => {
    const allowed = ({ specifier }: Import) => specifier === 'zod/mini' || specifier.startsWith('contract/');
    expect(violations(sourceFiles('contract'), allowed)).toEqual([]);
  });

  it('widget/ imports only lit, the QR encoder and widget/, and from contract/ only types and the VIN rule', () => {
    const allowed = ({ specifier, typeOnly }: Import) =>
      specifier.startsWith('widget/') ||
      /^lit(\/|$)/.test(specifier) ||
      /^lean-qr(\/|$)/.test(specifier) ||
      (specifier.startsWith('contract/') && (typeOnly || specifier === 'contract/vin.ts'));
    expect(violations(sourceFiles('widget'), allowed)).toEqual([]);
  });

  it('widget/core/ and widget/net/ stay pure: no Lit, nothing of the element or of the on-demand loaders', () => {
    const pure = ({ specifier }: Import) => !/^lit(\/|$)|^@lit\//.test(specifier) && !/^widget\/(pave-capture|on-demand)\//.test(specifier);
    expect(violations([...sourceFiles('widget/core'), ...sourceFiles('widget/net')], pure)).toEqual([]);
  });

  it('widget/net/ sits below core/: the signer’s answers are read without the widget’s rules', () => {
    const allowed = ({ specifier }: Import) => !specifier.startsWith('widget/') || specifier.startsWith('widget/net/');
    expect(violations(sourceFiles('widget/net'), allowed)).toEqual([]);
  });

  it('signer/ imports nothing from widget/', () => {
    expect(violations(sourceFiles('signer'), ({ specifier }) => !specifier.startsWith('widget/'))).toEqual([]);
  });

  it('signer/pave/ imports neither hono, node: nor the rest of the signer', () => {
    const allowed = ({ specifier }: Import) =>
      !isHono(specifier) && !isNode(specifier) && (!specifier.startsWith('signer/') || specifier.startsWith('signer/pave/'));
    expect(violations(sourceFiles('signer/pave'), allowed)).toEqual([]);
  });

  it('signer/policy/ imports neither hono nor node:', () => {
    expect(violations(sourceFiles('signer/policy'), ({ specifier }) => !isHono(specifier) && !isNode(specifier))).toEqual([]);
  });

  it('only runtime entry files touch node: modules or process.env', () => {
    const offenders = sourceFiles('signer')
      .filter((file) => !RUNTIME_ENTRIES.test(file))
      .filter(
        (file) =>
          importsOf(file).some(({ specifier }) => isNode(specifier) || specifier.startsWith('@hono/node-server')) ||
          /\bprocess\.env\b/.test(withoutComments(readFileSync(join(ROOT, file), 'utf8'))),
      );
    expect(offenders).toEqual([]);
  });

  it('demo/sandbox/ never imports the signer', () => {
    expect(violations(sourceFiles('demo/sandbox'), ({ specifier }) => !specifier.startsWith('signer/'))).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(all)).toEqual([]);
  });

  it('the on-demand hand-off module carries no Lit: what it imports takes Lit as types only (the element hands it its own)', () => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const { specifier, typeOnly } of importsOf(file)) if (!typeOnly && specifier.startsWith('widget/')) visit(specifier);
    };
    visit('widget/on-demand/handoff.ts');
    expect(reached.size).toBeGreaterThan(5);
    const litValue = ({ specifier, typeOnly }: Import) => typeOnly || !/^lit(\/|$)|^@lit\//.test(specifier);
    expect(violations([...reached], litValue)).toEqual([]);
  });

  it('keeps every source file under 300 lines', () => {
    const long = all.filter((file) => readFileSync(join(ROOT, file), 'utf8').split('\n').length > 300);
    expect(long).toEqual([]);
  });
});
