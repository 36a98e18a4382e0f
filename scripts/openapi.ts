/**
 * `npm run openapi` (also the last step of `npm run build`, and Wrangler's build command): writes the
 * signer's OpenAPI document to `signer/openapi.json` (git-ignored), where a Workers bundle finds it
 * through the `#openapi` import of signer/package.json. The generator is the signer's own
 * (`signer/routes/openapi-document.ts`): Node, Deno and Bun run it at start-up instead.
 */
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../signer/routes/openapi-document.ts';

const root = resolve(import.meta.dirname, '..');

/** Where a Workers bundle reads the document from (the `workerd` / `worker` target of `#openapi`). */
export const OPENAPI_JSON = join(root, 'signer/openapi.json');

/** Writes the document (as the signer serves it: compact JSON) and returns where. */
export function writeOpenApi(path = OPENAPI_JSON): string {
  writeFileSync(path, `${JSON.stringify(buildOpenApiDocument())}\n`);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${relative(root, writeOpenApi())}`);
}
