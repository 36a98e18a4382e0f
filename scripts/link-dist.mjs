#!/usr/bin/env node
/**
 * Part of `npm run build`: the build writes into the widget package's own folder (widget/dist, what
 * `npm pack` of the package ships); `dist` at the repository root links there, so the documented paths
 * (`dist/pave-capture.js`, `dist/esm/index.js`) hold from a clone too.
 */
import { lstatSync, rmSync, symlinkSync } from 'node:fs';

let existing;
try {
  existing = lstatSync('dist');
} catch {
  existing = undefined;
}
if (existing && !existing.isSymbolicLink()) rmSync('dist', { recursive: true, force: true });
if (!existing?.isSymbolicLink()) symlinkSync('widget/dist', 'dist', 'dir');
console.log('dist → widget/dist');
