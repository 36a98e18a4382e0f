/**
 * The OpenAPI document generated when the signer starts: what `#openapi` resolves to on Node, Deno and
 * Bun (see `imports` in signer/package.json). Workers get the same generator's output from build time
 * instead (`signer/openapi.json`, written by `scripts/openapi.ts`).
 */
import { buildOpenApiDocument } from './openapi-document.ts';

export default buildOpenApiDocument();
