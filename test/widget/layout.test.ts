/**
 * The widget's layout as rules on its import lines: the pure parts (`core/`, `net/`) import no Lit and
 * nothing of the element, `net/` sits below `core/`, nothing imports in a circle, and every file stays
 * small enough to read in one go.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Each import of a file: bare specifiers as written, relative ones as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[1] ?? match[2] ?? match[3])!;
    return specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier;
  });
}

const WIDGET = sourceFiles('widget');
const within = (folder: string) => WIDGET.filter((file) => file.startsWith(`widget/${folder}/`));
const offending = (files: string[], forbidden: (specifier: string) => boolean) =>
  files.flatMap((file) => importsOf(file).filter(forbidden).map((specifier) => `${file} → ${specifier}`));

describe('widget layout', () => {
  it('finds the files it checks', () => {
    expect(WIDGET).toEqual(expect.arrayContaining(['widget/index.ts', 'widget/core/machine.ts', 'widget/net/api.ts', 'widget/pave-capture/pave-capture.ts']));
  });

  it('keeps core/ and net/ pure: no Lit, nothing of the element or of the on-demand loaders', () => {
    const impure = (specifier: string) => /^lit(\/|$)|^@lit\//.test(specifier) || /^widget\/(pave-capture|on-demand)\//.test(specifier);
    expect(offending([...within('core'), ...within('net')], impure)).toEqual([]);
  });

  it('keeps net/ below core/: the signer’s answers are read without the widget’s rules', () => {
    expect(offending(within('net'), (specifier) => specifier.startsWith('widget/') && !specifier.startsWith('widget/net/'))).toEqual([]);
  });

  it('imports nothing in a circle', () => {
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) return void cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      if (done.has(file)) return;
      for (const specifier of importsOf(file)) if (specifier.startsWith('widget/')) visit(specifier, [...path, file]);
      done.add(file);
    };
    for (const file of WIDGET) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('has no file over 300 lines', () => {
    const long = WIDGET.map((file) => [file, readFileSync(join(ROOT, file), 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });
});
