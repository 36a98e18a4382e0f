/**
 * `signer/worker.ts` bundled the way wrangler bundles a Worker: one ES module, esbuild, the Workers
 * conditions, minified, nothing from `node:`. For the tests in workerd and `npm run signer:workers`.
 */
import { build } from 'esbuild';
import { writeOpenApi } from '../openapi.ts';

/**
 * @example writeFileSync('worker.js', await bundleWorker('/repo/signer/worker.ts'));
 */
export async function bundleWorker(entry: string): Promise<string> {
  writeOpenApi(); // the Worker's build step (`[build] command` in signer/wrangler.toml): the static OpenAPI document
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
