#!/usr/bin/env node
/**
 * `npm run size`: what each build of `npm run build` costs a dealer's page, minified and gzipped (level 9,
 * what CDNs serve) and with Brotli. The ES module's figure excludes lit and lean-qr, which the dealer's
 * bundler resolves (and may share with their own code).
 */
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const BUILDS = [
  ['dist/pave-capture.js', 'script tag (IIFE, everything included)'],
  ['dist/esm/index.js', 'ES module (lit, lean-qr external)'],
];

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
let missing = false;
for (const [path, what] of BUILDS) {
  if (!existsSync(path)) {
    console.error(`${path}: missing — run npm run build first`);
    missing = true;
    continue;
  }
  const code = readFileSync(path);
  console.log(`${path.padEnd(22)} min ${kb(code.length).padStart(9)}  gzip ${kb(gzipSync(code, { level: 9 }).length).padStart(8)}  brotli ${kb(brotliCompressSync(code).length).padStart(8)}  ${what}`);
}
process.exit(missing ? 1 : 0);
