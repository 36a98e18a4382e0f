import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMinimalSigner } from '../../bench/minimal-signer.ts';
import { LINK_REQUEST, REQUEST_HEADERS } from '../../bench/subjects.ts';
import { startStandIn } from './fixtures/pave-stand-in.ts';

let standIn: Awaited<ReturnType<typeof startStandIn>>;
beforeAll(async () => (standIn = await startStandIn()));
afterAll(() => standIn.close());

describe('the minimal signer (the throughput baseline)', () => {
  it('reads the body, calls PAVE over HTTP once per create and answers 201 with the session', async () => {
    const app = createMinimalSigner(standIn.url);
    const before = await standIn.calls();
    for (let i = 0; i < 3; i++) {
      const response = await app.request('/v1/sessions', { method: 'POST', headers: REQUEST_HEADERS, body: JSON.stringify(LINK_REQUEST) });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ session_key: expect.stringMatching(/^BNC-/), capture_url: expect.stringMatching(/^https:\/\//), delivery: 'link' });
    }
    expect((await standIn.calls()) - before).toBe(3);
  });
});
