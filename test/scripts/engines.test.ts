/**
 * The workspace's `engines` against what it installs: every package in the lockfile that states a Node range
 * must accept every Node the workspace says it runs on (otherwise `npm ci` warns EBADENGINE, or worse), and
 * that range must keep Node 20, which CI runs. The widget package states none: it runs in browsers.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
// semver (a devDependency) has no types of its own here: the two functions used, typed.
const semver = createRequire(join(root, 'package.json'))('semver') as { subset(a: string, b: string): boolean; satisfies(v: string, r: string): boolean };

it('every installed package accepts every Node the workspace runs on, Node 20 (CI) among them', () => {
  const range: string = json('package.json').engines.node;
  expect(semver.satisfies('20.19.0', range)).toBe(true);
  expect(semver.satisfies(process.versions.node, range), `this Node, ${process.versions.node}`).toBe(true);
  const packages = json('package-lock.json').packages as Record<string, { engines?: { node?: string }; optional?: boolean }>;
  const refusing = Object.entries(packages)
    .filter(([path, info]) => path && !info.optional && info.engines?.node && !semver.subset(range, info.engines.node))
    .map(([path, info]) => `${path} wants ${info.engines!.node}`);
  expect(refusing).toEqual([]);
});

it('the widget package states no Node engine; the signer one its runtime dependencies accept', () => {
  expect(json('widget/package.json').engines).toBeUndefined();
  expect(semver.satisfies('20.19.0', json('signer/package.json').engines.node)).toBe(true);
});
