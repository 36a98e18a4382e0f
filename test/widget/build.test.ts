/**
 * `npm run build` as a dealer consumes it: the script-tag file, the ES module with types that a consumer
 * project type-checks against (moduleResolution bundler and node16), and the custom elements manifest.
 * One build for the whole file (≈25 s on two cores), shared with the other test files that read widget/dist.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../fixtures/build-lock.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
let consumer: string;

let releaseBuild: () => void;

beforeAll(async () => {
  releaseBuild = await buildWidget(root);
  consumer = mkdtempSync(join(tmpdir(), 'pave-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(join(root, 'widget'), join(consumer, 'node_modules', 'pave-capture'));
  writeFileSync(join(consumer, 'package.json'), '{"type":"module"}');
}, 300_000);

afterAll(() => {
  rmSync(consumer, { recursive: true, force: true });
  releaseBuild?.();
});

describe('script-tag build', () => {
  it('is one self-registering file with Lit’s production build, no zod, guarded against a second load', () => {
    const script = read('dist/pave-capture.js');
    // The guard opens the file (a last minifying step may drop the braces of its one statement).
    expect(script.startsWith('if(typeof document<"u"&&!globalThis.customElements?.get("pave-capture"))')).toBe(true);
    expect(script).toMatch(/customElements\.define\(["`]pave-capture["`]/);
    expect(script).not.toMatch(/Lit is in dev mode|\$ZodType|zod/i);
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('runs nothing and throws nothing where there is no document (imported on a server)', () => {
    const probe = `await import(${JSON.stringify(join(root, 'dist/pave-capture.js'))}); console.log(typeof self, typeof document, typeof customElements);`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }).trim()).toBe('undefined undefined undefined');
  });

  it('fetches the QR encoder from an ES module beside it: lean-qr is not in the script', () => {
    const script = read('dist/pave-capture.js');
    expect(script).not.toContain('lean-qr');
    const qr = read('dist/pave-capture.qr.js');
    expect(qr).toMatch(/export\{\w+ as qrPath\}/);
    expect(qr).toContain('lean-qr error');
  });

  it('fetches what follows the press from an ES module beside it, which carries no copy of Lit', () => {
    const script = read('dist/pave-capture.js');
    expect(script).toContain('Continue on my phone');
    expect(script).not.toContain('Start inspection');
    expect(script).not.toContain('Thank you!');
    const handoff = read('dist/pave-capture.handoff.js');
    expect(handoff).toMatch(/export\{\w+ as handoff\}/);
    expect(handoff).toContain('Start inspection');
    expect(handoff).toContain('The inspection service is slow to answer');
    // Lit's own code (its `lit-html` Trusted Types policy, its template markers) stays in the script alone.
    expect(script).toContain('lit-html');
    expect(handoff).not.toMatch(/lit-html|createPolicy|\$lit\$/);
    expect(handoff).not.toMatch(/^\s*import\s/m);
  });

  it('carries English only; every other language is an ES module beside it, loaded from the script’s URL', () => {
    const script = read('dist/pave-capture.js');
    expect(script).toContain('Continue on my phone');
    expect(script).not.toContain('Commencer l’inspection');
    expect(script).toContain('document.currentScript');
    expect(script).toContain('pave-capture.${');
    for (const [lang, words] of [
      ['fr', 'Commencer l’inspection'],
      ['es', 'Iniciar inspección'],
    ]) {
      const file = read(`dist/pave-capture.${lang}.js`);
      expect(file.startsWith('export default{')).toBe(true);
      expect(file).toContain(words);
    }
  });
});

describe('ES module build', () => {
  it('keeps lit and lean-qr as imports (lean-qr in the QR chunk, fetched on demand), and ships no zod', () => {
    const module = read('dist/esm/index.js');
    expect(module).toMatch(/from"lit"/);
    expect(module).not.toMatch(/lean-qr/);
    expect(module).toMatch(/import\(`\.\/qr\.js`\)|import\(["']\.\/qr\.js["']\)/);
    expect(read('dist/esm/qr.js')).toMatch(/from"lean-qr\/nano"/);
    expect(module).not.toMatch(/zod/);
    // What follows the press is a chunk of its own, which imports no Lit: the element hands it its own.
    expect(module).toMatch(/import\(`\.\/handoff\.js`\)|import\(["']\.\/handoff\.js["']\)/);
    expect(module).not.toContain('Start inspection');
    expect(read('dist/esm/handoff.js')).toContain('Start inspection');
    expect(read('dist/esm/handoff.js')).not.toMatch(/from"lit/);
  });

  it('splits every language but English into a chunk of its own, for the dealer’s bundler to load on demand', () => {
    const module = read('dist/esm/index.js');
    expect(module).toContain('Continue on my phone');
    expect(module).not.toContain('Commencer l’inspection');
    expect(module).toMatch(/import\(`\.\/strings\/fr\.js`\)|import\(["']\.\/strings\/fr\.js["']\)/);
    expect(read('dist/esm/strings/fr.js')).toContain('Commencer l’inspection');
    expect(read('dist/esm/strings/es.js')).toContain('Iniciar inspección');
  });

  it('publishes types whose relative imports name .js files', () => {
    // Declarations sit beside the ES module; the contract's types (written out without zod) in dist/contract/.
    const types = read('dist/esm/index.d.ts');
    expect(types).toContain("from './pave-capture/pave-capture.js'");
    expect(types).toContain("from '../contract/schema.js'");
    expect(types).not.toMatch(/from '\.\.?\/[^']+\.ts'/);
    expect(read('dist/contract/schema.d.ts')).not.toContain('zod');
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
    expect(JSON.parse(read('widget/package.json')).customElements).toBe('./dist/custom-elements.json');
  });
});

describe('the pave-capture package', () => {
  let installed: string;
  beforeAll(() => {
    // As a dealer gets it: `npm pack` of widget/, installed into an empty project without dev dependencies.
    // --ignore-scripts: the build above already ran (prepack would run it again); --prefer-offline: npm ci filled the cache.
    installed = mkdtempSync(join(tmpdir(), 'pave-installed-'));
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', installed], { cwd: join(root, 'widget'), encoding: 'utf8' }).trim().split('\n').pop()!;
    writeFileSync(join(installed, 'package.json'), '{"name":"dealer-site","private":true,"type":"module"}');
    execFileSync('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(installed, tarball)], { cwd: installed, stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(installed, { recursive: true, force: true }));

  it('installs lit and the QR encoder, and no server dependency', () => {
    const names = readdirSync(join(installed, 'node_modules')).flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(installed, 'node_modules', name)).map((inner) => `${name}/${inner}`) : [name],
    );
    expect(names).toEqual(expect.arrayContaining(['pave-capture', 'lit', 'lean-qr']));
    for (const server of ['hono', '@hono/node-server', 'redis', '@redis/client', 'zod', 'libphonenumber-js']) expect(names).not.toContain(server);
  });

  it('ships the script-tag file, the ES module, its types, the manifest, the editor data and the LICENSE', () => {
    const files = ['LICENSE', 'dist/pave-capture.js', 'dist/pave-capture.fr.js', 'dist/pave-capture.handoff.js', 'dist/esm/index.js', 'dist/esm/handoff.js', 'dist/esm/index.d.ts', 'dist/contract/schema.d.ts', 'dist/custom-elements.json', 'dist/web-types.json', 'dist/vscode.html-custom-data.json', 'dist/vscode.css-custom-data.json'];
    for (const file of files) expect(statSync(join(installed, 'node_modules/pave-capture', file)).isFile(), file).toBe(true);
    expect(readFileSync(join(installed, 'node_modules/pave-capture/LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('has types for every export, and every file package.json names is in the package', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'node_modules/pave-capture/package.json'), 'utf8'));
    const has = (path: string) => statSync(join(installed, 'node_modules/pave-capture', path)).isFile();
    for (const [subpath, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      if (subpath.includes('*')) continue;
      if (typeof target === 'string') {
        expect(target, subpath).toMatch(/\.json$/);
        expect(has(target), subpath).toBe(true);
      } else {
        for (const file of Object.values(target)) expect(has(file), `${subpath} → ${file}`).toBe(true);
        expect(target.types, `${subpath} has types`).toMatch(/\.d\.ts$/);
      }
    }
    for (const field of ['main', 'types', 'jsdelivr', 'unpkg', 'customElements', 'web-types']) expect(has(pkg[field]), field).toBe(true);
    expect(pkg.jsdelivr).toBe('./dist/pave-capture.js');
    expect(pkg.exports['./package.json']).toBe('./package.json');
    expect(pkg.repository).toMatchObject({ type: 'git', directory: 'widget' });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.keywords).toEqual(expect.arrayContaining(['web-component', 'custom-element']));
    // The web-types name the package they describe, not the workspace.
    expect(JSON.parse(readFileSync(join(installed, 'node_modules/pave-capture/dist/web-types.json'), 'utf8'))).toMatchObject({ name: 'pave-capture', version: pkg.version });
  });

  it('passes publint --strict and are-the-types-wrong (ESM only: no CommonJS entry is promised)', () => {
    const tarball = join(installed, readdirSync(installed).find((name) => name.endsWith('.tgz'))!);
    expect(() => execFileSync(join(root, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], { cwd: installed, stdio: 'pipe' })).not.toThrow();
    expect(() => execFileSync(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: installed, stdio: 'pipe' })).not.toThrow();
  }, 120_000);

  it('type-checks in the dealer project without zod installed', () => {
    writeFileSync(
      join(installed, 'main.ts'),
      `import type { CreateSessionResponse, ErrorCode } from 'pave-capture';
document.addEventListener('pave-session-created', (event) => { const key: CreateSessionResponse['session_key'] = event.detail.session_key; console.log(key); });
const code: ErrorCode = 'rate_limited';
// @ts-expect-error not a code of the contract
const wrong: ErrorCode = 'no_such_code';
console.log(code, wrong);
`,
    );
    const tsc = join(root, 'node_modules/.bin/tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', '--module', 'esnext', '--moduleResolution', 'bundler', 'main.ts'];
    expect(() => execFileSync(tsc, args, { cwd: installed, stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
