import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledFile, languageFile, ON_DEMAND_FILES, onDemandFileName } from '../../scripts/on-demand-files.ts';
import { SUPPORTED } from '../../widget/strings/index.ts';
import fr from '../../widget/strings/fr.ts';
import { qrPath } from '../../widget/on-demand/qr.ts';

const root = resolve(import.meta.dirname, '../..');

/** Imports a built ES module the way a browser would: from a file of its own. */
async function importBuilt<T>(code: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pave-on-demand-'));
  try {
    const path = join(dir, 'module.mjs');
    writeFileSync(path, code.replace(/\/\/# sourceMappingURL=.*$/m, ''));
    return (await import(pathToFileURL(path).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('on-demand files of the script-tag build', () => {
  it('are named after the script: one per language but English, the QR encoder, the bot check and what follows the press', () => {
    expect(onDemandFileName('fr')).toBe('pave-capture.fr.js');
    expect([...ON_DEMAND_FILES].sort()).toEqual(['pave-capture.es.js', 'pave-capture.fr.js', 'pave-capture.handoff.js', 'pave-capture.qr.js', 'pave-capture.turnstile.js']);
    for (const lang of SUPPORTED.filter((l) => l !== 'en')) expect(ON_DEMAND_FILES).toContain(onDemandFileName(lang));
  });

  it('ship a language as a minified ES module whose default export is its strings, functions included', async () => {
    const path = resolve(root, 'widget/strings/fr.ts');
    const code = await languageFile(readFileSync(path, 'utf8'), path);
    expect(code).not.toMatch(/satisfies|import type|\n\s{2}/);
    const module = await importBuilt<{ default: typeof fr }>(code);
    expect(module.default.startInspection).toBe(fr.startInspection);
    expect(module.default.status).toEqual(fr.status);
    expect(module.default.smsSent('•••-•••-4567')).toBe(fr.smsSent('•••-•••-4567'));
  });

  it('ship the QR encoder as one self-contained ES module, with a source map, drawing what qr.ts draws', async () => {
    const { code, map } = await bundledFile(resolve(root, 'widget/on-demand/qr.ts'), 'qr', ['module', 'browser', 'production']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('//# sourceMappingURL=pave-capture.qr.js.map');
    expect((JSON.parse(map) as { sources: string[] }).sources.some((source) => source.includes('lean-qr'))).toBe(true);
    const module = await importBuilt<{ qrPath: typeof qrPath }>(code);
    const url = 'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT';
    expect(module.qrPath(url)).toEqual(qrPath(url));
  }, 30_000);

  it('ship what follows the press as one ES module without Lit, its templates minified, using the Lit it is handed', async () => {
    const { code } = await bundledFile(resolve(root, 'widget/on-demand/handoff.ts'), 'handoff', ['module', 'browser', 'production']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/lit-html|createPolicy/);
    expect(code).not.toMatch(/\n\s{4}</);
    const module = await importBuilt<typeof import('../../widget/on-demand/handoff.ts')>(code);
    const html = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings: [...strings], values });
    const parts = module.handoff({ html: html as never, nothing: Symbol('nothing') as never });
    const words = parts.complete(fr);
    expect(words).toBe(fr);
    expect(parts.say(fr).error({ code: 'rate_limited', message: 'x', issues: [] })).toBe(fr.errors.rate_limited);
  }, 30_000);
});
