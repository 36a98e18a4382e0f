/**
 * `GET /openapi.json`: the signer's OpenAPI 3.1 document, served as a static JSON text to anyone.
 *
 * The document comes from one generator (`openapi-document.ts`, `z.toJSONSchema` of the contract's
 * schemas) through the `#openapi` import of signer/package.json: on Node, Deno and Bun it is generated
 * at start-up; a Workers bundle (the `workerd` / `worker` conditions, as Wrangler resolves them) takes
 * `signer/openapi.json` instead, written by the same generator at build time (`npm run openapi`, run by
 * `npm run build` and by Wrangler's build command), so the edge bundle carries the JSON and none of
 * zod's JSON Schema code.
 */
import type { Handler } from 'hono';
import document from '#openapi';

const text = JSON.stringify(document);

/** @example app.get('/openapi.json', openApi) */
export const openApi: Handler = (c) =>
  c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
