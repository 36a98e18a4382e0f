/**
 * `npm run build` as a dealer consumes it: the script-tag file, the ES module with types that a consumer
 * project type-checks against (moduleResolution bundler and node16), and the custom elements manifest.
 * One build for the whole file (≈10 s on two cores).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
let consumer: string;

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
  consumer = mkdtempSync(join(tmpdir(), 'pave-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules', 'pave-capture'));
  writeFileSync(join(consumer, 'package.json'), '{"type":"module"}');
}, 120_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('script-tag build', () => {
  it('is one self-registering file with Lit’s production build, no zod, guarded against a second load', () => {
    const script = read('dist/pave-capture.js');
    expect(script.startsWith('if(!self.customElements?.get("pave-capture")){')).toBe(true);
    expect(script).toContain('customElements.define(`pave-capture`');
    expect(script).not.toMatch(/Lit is in dev mode|\$ZodType|zod/i);
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
  });
});

describe('ES module build', () => {
  it('keeps lit and lean-qr as imports, and ships no zod', () => {
    const module = read('dist/esm/index.js');
    expect(module).toMatch(/from"lit"/);
    expect(module).toMatch(/from"lean-qr\/nano"/);
    expect(module).not.toMatch(/zod/);
  });

  it('publishes types whose relative imports name .js files', () => {
    const types = read('dist/esm/index.d.ts');
    expect(types).toContain("from './pave-capture.js'");
    expect(types).not.toMatch(/from '\.\/[^']+\.ts'/);
  });

  it.each([
    ['bundler', 'esnext'],
    ['node16', 'node16'],
  ])('type-checks in a consumer project (moduleResolution %s)', (resolution, module) => {
    writeFileSync(
      join(consumer, 'main.ts'),
      `import { PaveCapture, type PaveErrorEvent, type SessionStatus } from 'pave-capture';
const el = document.querySelector('pave-capture');
if (el instanceof PaveCapture) { el.delivery = 'sms'; el.requireVin = true; el.turnstileSitekey = '0x4AAAAAAA'; }
document.addEventListener('pave-error', (event: PaveErrorEvent) => console.log(event.detail.code));
document.addEventListener('pave-session-status', (event) => { const status: SessionStatus = event.detail.status; console.log(status); });
// @ts-expect-error the state is a string
const wrong: number = document.createElement('pave-capture').state;
console.log(wrong);
`,
    );
    const tsc = join(root, 'node_modules/.bin/tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', '--module', module, '--moduleResolution', resolution, 'main.ts'];
    expect(() => execFileSync(tsc, args, { cwd: consumer, stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});

describe('custom-elements.json', () => {
  it('describes the element: tag, attributes, events, parts and CSS properties', () => {
    const manifest = JSON.parse(read('dist/custom-elements.json'));
    const element = manifest.modules.flatMap((m: { declarations: unknown[] }) => m.declarations).find((d: { customElement?: boolean }) => d.customElement);
    expect(element.tagName).toBe('pave-capture');
    expect(element.attributes.map((a: { name: string }) => a.name).sort()).toEqual(
      ['country', 'delivery', 'disabled', 'lang', 'phone', 'require-vin', 'signer', 'site', 'turnstile-sitekey', 'vin'].sort(),
    );
    expect(element.events.map((e: { name: string }) => e.name).sort()).toEqual(
      ['pave-error', 'pave-session-created', 'pave-session-status', 'pave-sms-sent', 'pave-state-change'].sort(),
    );
    expect(element.cssParts.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['form', 'input', 'button', 'qr', 'message']));
    expect(element.slots).toEqual([expect.objectContaining({ name: 'turnstile' })]);
    expect(element.members).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'turnstileSitekey', attribute: 'turnstile-sitekey', reflects: true })]));
    expect(element.cssProperties.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['--pave-color-primary', '--pave-radius', '--pave-font', '--pave-space']));
    expect(JSON.parse(read('package.json')).customElements).toBe('./dist/custom-elements.json');
  });
});
