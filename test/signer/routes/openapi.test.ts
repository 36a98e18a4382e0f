/**
 * The OpenAPI document: served by the signer, generated from the contract's schemas, and consistent
 * with the routes and error table the signer really has.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ERROR_CODES, ERROR_STATUS } from '../../../contract/errors.ts';
import * as contract from '../../../contract/schema.ts';
import { buildOpenApiDocument } from '../../../signer/routes/openapi-document.ts';
import { createStack } from '../../fixtures/stack.ts';

const stack = createStack();
const fetchDocument = async () => {
  const response = await stack.app.request('/openapi.json');
  return { response, document: (await response.json()) as any };
};

describe('GET /openapi.json', () => {
  it('is served to anyone as JSON', async () => {
    const { response, document } = await fetchDocument();
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(['/v1/sessions', '/v1/sessions/{key}/status', '/v1/sessions/{key}/resend', '/healthz', '/openapi.json']);
  });

  it('is the generator’s document, its schemas z.toJSONSchema of the contract’s own objects', async () => {
    const { document } = await fetchDocument();
    expect(document).toEqual(buildOpenApiDocument());
    const expected = (schema: z.ZodMiniType, io: 'input' | 'output') => {
      const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
      return rest;
    };
    expect(document.components.schemas).toEqual({
      CreateSessionRequest: expected(contract.CreateSessionRequest, 'input'),
      CreateSessionResponse: expected(contract.CreateSessionResponse, 'output'),
      SessionStatusResponse: expected(contract.SessionStatusResponse, 'output'),
      ResendRequest: expected(contract.ResendRequest, 'input'),
      ResendResponse: expected(contract.ResendResponse, 'output'),
      ErrorBody: expected(contract.ErrorBody, 'output'),
    });
  });

  it('describes the create request exactly as the contract validates it', async () => {
    const { document } = await fetchDocument();
    const request = document.components.schemas.CreateSessionRequest;
    expect(request).toMatchObject({ type: 'object', required: ['delivery'], additionalProperties: false });
    expect(Object.keys(request.properties)).toEqual(['delivery', 'phone', 'vin', 'name', 'language', 'site', 'metadata', 'year', 'make', 'model']);
    expect(request.properties.delivery).toEqual({ type: 'string', enum: ['link', 'sms'] });
    expect(request.properties.vin).toMatchObject({ type: 'string' }); // the input side of a transform
    expect(document.components.schemas.CreateSessionResponse.required).toEqual(['session_key', 'capture_url', 'delivery', 'ticket']);
    expect(document.components.schemas.SessionStatusResponse.properties.status.enum).toEqual(['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID']);
    expect(document.components.schemas.ErrorBody.properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
  });

  it('lists each error code under the status the signer answers it with', async () => {
    const { document } = await fetchDocument();
    for (const [path, methods] of Object.entries<any>(document.paths)) {
      for (const operation of Object.values<any>(methods)) {
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          if (Number(status) < 400) continue;
          const codes = [...response.description.matchAll(/`([a-z_]+)`:/g)].map((match) => match[1] as keyof typeof ERROR_STATUS);
          expect(codes.length, `${path} ${status}`).toBeGreaterThan(0);
          for (const code of codes) expect(ERROR_STATUS[code], `${path} ${code}`).toBe(Number(status));
        }
      }
    }
    const resend = document.paths['/v1/sessions/{key}/resend'].post;
    expect(resend.responses['409'].description).toContain('resend_not_allowed');
    expect(resend.security).toEqual([{ ticket: [] }]);
  });

  it('has no dangling references', async () => {
    const { document } = await fetchDocument();
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const name of refs) expect(document.components.schemas).toHaveProperty(name);
  });
});
