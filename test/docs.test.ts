/**
 * The README is short and the long parts live in docs/: nothing a dealer configures or runs may fall out of
 * both on the way. Every signer setting (the settings table itself), every npm script of the workspace, and
 * every route the contract defines is named in README.md or a page of docs/; every relative link resolves.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { SETTING_NAMES } from '../signer/config/settings.ts';

const root = resolve(import.meta.dirname, '..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const text = pages.map((page) => readFileSync(join(root, page), 'utf8')).join('\n');

it('names every signer setting', () => {
  expect(SETTING_NAMES.filter((name) => !text.includes(name))).toEqual([]);
  for (const name of ['SITES_FILE', 'SITES_JSON', 'REDIS_URL', 'TRUSTED_PROXIES', 'METRICS_TOKEN', 'PORT', 'HOST']) expect(text, name).toContain(name);
});

it('names every npm script, and says how to run both fresh-machine commands', () => {
  const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>);
  const named = (script: string) => text.includes(`npm run ${script}`) || (['start', 'test'].includes(script) && text.includes(`npm ${script}`)) || text.includes(`\`${script}\``);
  expect(scripts.filter((script) => !named(script))).toEqual([]);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  expect(readme.indexOf('npm ci && npm start')).toBeGreaterThan(-1);
  expect(readme.indexOf('npm ci && npm test')).toBeGreaterThan(-1);
});

it('names every route of the signer', () => {
  for (const route of ['POST /v1/sessions', 'GET /v1/sessions/:key/status', 'POST /v1/sessions/:key/resend', '/openapi.json', 'GET /healthz', 'GET /metrics']) expect(text, route).toContain(route);
});

it('links only to files that exist', () => {
  const broken = pages.flatMap((page) =>
    [...readFileSync(join(root, page), 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(join(root, dirname(page), target)))
      .map((target) => `${page} → ${target}`),
  );
  expect(broken).toEqual([]);
});
