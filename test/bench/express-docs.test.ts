import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressFromDocs } from '../../bench/express-docs.ts';
import { LINK_REQUEST, REQUEST_HEADERS } from '../../bench/subjects.ts';
import { createSandbox, DEMO_ACCOUNT } from '../../demo/sandbox/app.ts';
import { startStandIn } from './fixtures/pave-stand-in.ts';

let standIn: Awaited<ReturnType<typeof startStandIn>>;
beforeAll(async () => (standIn = await startStandIn()));
afterAll(() => standIn.close());

async function listen(app: ReturnType<typeof createExpressFromDocs>) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))) };
}

const post = (url: string) => fetch(`${url}/v1/sessions`, { method: 'POST', headers: REQUEST_HEADERS, body: JSON.stringify(LINK_REQUEST) });

describe('the Express app from PAVE’s docs', () => {
  it('calls PAVE over HTTP once per create and answers 201 with the session', async () => {
    const server = await listen(createExpressFromDocs(standIn.url, DEMO_ACCOUNT));
    const before = await standIn.calls();
    for (let i = 0; i < 3; i++) {
      const response = await post(server.url);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ session_key: expect.stringMatching(/^BNC-/), delivery: 'link' });
    }
    expect((await standIn.calls()) - before).toBe(3);
    await server.close();
  });

  it('signs as PAVE documents it: the sandbox, which checks the token, creates the session', async () => {
    const sandbox = createSandbox();
    const doFetch: typeof fetch = async (input, init) => sandbox.app.request(String(input), init);
    const server = await listen(createExpressFromDocs('http://sandbox.local', DEMO_ACCOUNT, doFetch));
    const response = await post(server.url);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ session_key: expect.stringMatching(/^DMO-/) });
    await server.close();
  });
});
