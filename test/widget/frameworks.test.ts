/**
 * The framework typings generated from the manifest (widget/dist/types, scripts/integrations.mjs), proven
 * where a dealer's developer meets them: a Vue project checked by vue-tsc with strictTemplates, a React
 * project and a Vue TSX one by tsc, a Svelte 5 project by svelte-check (test/fixtures/frameworks). In each, `good.*` must
 * type-check and each `bad-*.*` / `unknown-event.*` must fail on its one mistake. The three checkers run at
 * once, after one build shared with the other test files that need it.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../fixtures/build-lock.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/frameworks');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const run = promisify(execFile);

/** A checker's diagnostics, one line each (`file(line,col): error TS…` or svelte-check's `… ERROR "file" …`), whether it passed or not. */
async function check(command: string, args: string[], cwd: string): Promise<string[]> {
  const output = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  return output.split('\n').filter((line) => /\): error TS\d+|^\d+ (ERROR|WARNING) /.test(line));
}

let vue: string[];
let react: string[];
let svelte: string[];
let vueJsx: string[];
let release: () => void;
beforeAll(async () => {
  release = await buildWidget(root);
  [vue, react, svelte, vueJsx] = await Promise.all([
    check(bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.json'], join(fixtures, 'vue')),
    check(bin('tsc'), ['-p', 'tsconfig.json'], join(fixtures, 'react')),
    check(bin('svelte-check'), ['--workspace', '.', '--tsconfig', './tsconfig.json', '--output', 'machine', '--fail-on-warnings'], join(fixtures, 'svelte')),
    // Vue TSX: its mistakes are `@ts-expect-error` lines, so a mistake the typings let through fails tsc (TS2578).
    check(bin('tsc'), ['-p', 'tsconfig.json'], join(fixtures, 'vue-jsx')),
  ]);
}, 400_000);
afterAll(() => release?.());

/** The diagnostics about one fixture file. */
const about = (diagnostics: string[], file: string) => diagnostics.filter((line) => line.includes(file));

describe('Vue: vue-tsc with strictTemplates, through pave-capture/vue (GlobalComponents)', () => {
  it('accepts attributes, props and typed listeners', () => expect(about(vue, 'good.vue')).toEqual([]));
  it('rejects delivery="fax"', () => expect(about(vue, 'bad-delivery.vue').join('\n')).toMatch(/"fax"/));
  it('rejects the handler of another event', () => expect(about(vue, 'bad-handler.vue').join('\n')).toMatch(/ErrorDetail/));
  it('rejects an event the element never fires', () => expect(about(vue, 'unknown-event.vue').join('\n')).toMatch(/onPaveFinished/));
  it('reports nothing else', () => expect(vue.filter((line) => !/bad-|unknown-event/.test(line))).toEqual([]));
});

describe('Vue TSX: tsc, through pave-capture/vue-jsx (vue/jsx-runtime JSX.IntrinsicElements)', () => {
  it('accepts correct use and rejects delivery="fax", another event\'s handler and an unknown event', () => expect(vueJsx).toEqual([]));
});

describe('React: tsc, through pave-capture/react (React.JSX.IntrinsicElements)', () => {
  it('accepts attributes, a ref and typed listeners', () => expect(about(react, 'good.tsx')).toEqual([]));
  it('rejects delivery="fax"', () => expect(about(react, 'bad-delivery.tsx').join('\n')).toMatch(/"fax"/));
  it('rejects the handler of another event', () => expect(about(react, 'bad-handler.tsx').join('\n')).toMatch(/onpave-error/));
  // TypeScript checks no JSX attribute whose name has a dash against the element's props unless the props
  // name it (the rule that lets data-* through), and React's events on custom elements are `on` + the event's
  // own name: a misspelt `onpave-…` goes through. Pinned here so that the day TypeScript checks it, this says so.
  it('cannot reject an event the element never fires (TypeScript skips dashed JSX names)', () => expect(about(react, 'unknown-event.tsx')).toEqual([]));
  it('reports nothing else', () => expect(react.filter((line) => !/bad-/.test(line))).toEqual([]));
});

describe('Svelte 5: svelte-check, through pave-capture/svelte (svelteHTML.IntrinsicElements)', () => {
  it('accepts attributes and typed onpave-… handlers', () => expect(about(svelte, 'good.svelte')).toEqual([]));
  it('rejects delivery="fax"', () => expect(about(svelte, 'bad-delivery.svelte').join('\n')).toMatch(/fax/));
  it('rejects the handler of another event', () => expect(about(svelte, 'bad-handler.svelte').join('\n')).toMatch(/ErrorDetail/));
  it('rejects an event the element never fires', () => expect(about(svelte, 'unknown-event.svelte').join('\n')).toMatch(/onpave-finished/));
  it('reports nothing else', () => expect(svelte.filter((line) => !/bad-|unknown-event/.test(line))).toEqual([]));
});
