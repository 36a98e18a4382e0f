/**
 * The architecture in a few rules, checked on the import lines of the source:
 * - the browser bundle (widget/) pulls in only lit, zod/mini, the QR encoder and itself;
 * - the signer takes from widget/ only the shared contract (and what it imports);
 * - the PAVE client imports neither hono nor node: nor the rest of the signer;
 * - the sandbox never imports the signer's PAVE code, so it stays an independent verifier;
 * - only runtime entry files may touch node: modules or process.env.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** Each import of a file: bare specifiers as written, relative ones resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[1] ?? match[2] ?? match[3])!;
    return specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier;
  });
}

function violations(files: string[], allowed: (specifier: string, file: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((specifier) => !allowed(specifier, file)).map((specifier) => `${file} → ${specifier}`));
}

/** The files the signer may take from widget/: the contract and its own imports, transitively. */
function contractClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) if (specifier.startsWith('widget/') || specifier.startsWith('contract/')) visit(specifier);
  };
  for (const file of sourceFiles('contract')) visit(file);
  return seen;
}

/** JSDoc examples may show `process.env`; code may not. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Entries, and Node-only modules only the Node entry imports (named `node-*.ts`). */
const RUNTIME_ENTRIES = /^signer\/(node|bun|deno|node-[a-z-]+)\.ts$/;

describe('import boundaries', () => {
  it('finds the source it checks', () => {
    expect(sourceFiles('widget')).toContain('widget/pave-capture/pave-capture.ts');
    expect(importsOf('signer/sessions.ts')).toContain('contract/schema.ts');
    expect(importsOf('signer/sessions.ts')).toContain('hono');
  });

  it('widget/ imports only lit, zod/mini, the QR encoder and widget/', () => {
    const allowed = (specifier: string) =>
      specifier.startsWith('widget/') || specifier.startsWith('contract/') || /^lit(\/|$)/.test(specifier) || specifier === 'zod/mini' || /^lean-qr(\/|$)/.test(specifier);
    expect(violations(sourceFiles('widget'), allowed)).toEqual([]);
  });

  it('signer/ takes only the shared contract from widget/', () => {
    const contract = contractClosure();
    const allowed = (specifier: string) => !specifier.startsWith('widget/') || contract.has(specifier);
    expect(violations(sourceFiles('signer'), allowed)).toEqual([]);
  });

  it('signer/pave/ imports neither hono, node: nor the rest of the signer', () => {
    const allowed = (specifier: string) =>
      !/^hono(\/|$)|^@hono\//.test(specifier) && !specifier.startsWith('node:') && (!specifier.startsWith('signer/') || specifier.startsWith('signer/pave/'));
    expect(violations(sourceFiles('signer/pave'), allowed)).toEqual([]);
  });

  it('only runtime entry files touch node: modules or process.env', () => {
    const offenders = sourceFiles('signer')
      .filter((file) => !RUNTIME_ENTRIES.test(file))
      .filter((file) => importsOf(file).some((specifier) => specifier.startsWith('node:') || specifier.startsWith('@hono/node-server')) || /\bprocess\.env\b/.test(withoutComments(readFileSync(join(ROOT, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('demo/sandbox/ never imports the signer', () => {
    const allowed = (specifier: string) => !specifier.startsWith('signer/');
    expect(violations(sourceFiles('demo/sandbox'), allowed)).toEqual([]);
  });
});
