/**
 * The OpenAPI document's build step (`npm run openapi`): it writes the generator's document, and a
 * Workers bundle takes that static JSON through `#openapi` — without zod's JSON Schema code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { OPENAPI_JSON, writeOpenApi } from '../../scripts/openapi.ts';
import { buildOpenApiDocument } from '../../signer/routes/openapi-document.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'pave-capture-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run openapi', () => {
  it('writes the generator’s document as JSON', () => {
    const path = writeOpenApi(join(dir, 'openapi.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(buildOpenApiDocument());
  });

  it('gives a Workers bundle the static document and none of zod’s JSON Schema generator', async () => {
    writeOpenApi();
    // As Wrangler bundles signer/worker.ts: ES module, the Workers conditions.
    const result = await build({
      entryPoints: [join(root, 'signer/worker.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      minify: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
      absWorkingDir: root,
    });
    // What reached the output (the metafile's `inputs` also lists modules tree-shaking dropped).
    const [output] = Object.values(result.metafile.outputs);
    const inputs = Object.entries(output!.inputs).flatMap(([path, { bytesInOutput }]) => (bytesInOutput > 0 ? [path] : []));
    expect(inputs).toContain('signer/openapi.json');
    expect(inputs.filter((path) => /zod\/.*json-schema|openapi-document|openapi-live/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.includes('node_modules/zod/'))).toBe(true); // zod itself still validates
    // What issue 14 took out of the Worker: the full phone metadata (its formats), ipaddr.js, lru-cache.
    expect(inputs).toContain('signer/policy/phone-metadata.json');
    expect(inputs.filter((path) => /metadata\.mobile\.json|node_modules\/(ipaddr\.js|lru-cache)\//.test(path))).toEqual([]);
    expect(JSON.parse(readFileSync(OPENAPI_JSON, 'utf8'))).toEqual(buildOpenApiDocument());
  }, 60_000);
});
