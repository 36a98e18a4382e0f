#!/usr/bin/env node
/**
 * Part of `npm run build`: the sources import each other as `./x.ts` (Vite, tsx, Deno and Bun run them
 * as they are), and `tsc` keeps those specifiers in the `.d.ts` it emits. TypeScript 5.x resolves them,
 * but older compilers and declaration tools refuse a `.ts` specifier in a declaration file, so the
 * published types say `./x.js` — the file that sits beside each `.d.ts` once built.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? 'dist/esm';
// `from './x.ts'`, `import('./x.ts')`, `import './x.ts'`: relative specifiers only, never packages.
const SPECIFIER = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.ts(['"])/g;

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith('.d.ts')) yield path;
  }
}

let files = 0;
for (const path of declarations(root)) {
  const text = readFileSync(path, 'utf8');
  const rewritten = text.replace(SPECIFIER, '$1$2.js$3');
  if (rewritten !== text) {
    writeFileSync(path, rewritten);
    files++;
  }
}
// The widget takes its types from contract/, so tsc writes dist/esm/widget/… and dist/esm/contract/…:
// the package's `types` (dist/esm/index.d.ts, beside dist/esm/index.js) re-exports the entry's.
if (existsSync(join(root, 'widget/index.d.ts'))) writeFileSync(join(root, 'index.d.ts'), "export * from './widget/index.js';\n");
console.log(`types: ${files} declaration files now import ./*.js`);
