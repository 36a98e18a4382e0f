/**
 * The fault switch in front of PAVE's routes (middleware/misbehave.ts): each mode does what faults.ts says.
 */
import { describe, expect, it } from 'vitest';
import { create, sandboxAt, signed } from '../fixtures.ts';

describe('sandbox faults', () => {
  it('answers 500 and garbage on demand, then recovers', async () => {
    const sandbox = sandboxAt();
    sandbox.faults.set('error', { times: 1 });
    expect((await create(sandbox, {})).status).toBe(500);
    sandbox.faults.set('garbage', { times: 1 });
    const garbage = await create(sandbox, {});
    expect(garbage.status).toBe(200);
    await expect(garbage.clone().json()).rejects.toThrow();
    expect((await create(sandbox, {})).status).toBe(201);
  });

  it('answers 500 and garbage without handling the request', async () => {
    const sandbox = sandboxAt();
    sandbox.faults.set('error', { times: 1 });
    expect(await (await create(sandbox, { sms: { to: '+16474551234' } })).json()).toEqual({ message: 'Server Error' });
    sandbox.faults.set('garbage', { times: 1 });
    const garbage = await create(sandbox, { sms: { to: '+16474551234' } });
    expect(garbage.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await garbage.text()).toBe('<html><body>502 Bad Gateway</body></html>');
    expect(sandbox.store.sessions.size).toBe(0);
    expect(sandbox.store.outbox).toEqual([]);
    expect(sandbox.store.requests.map((request) => request.status)).toEqual([500, 200]);
  });

  it('fails the caller’s fetch on reset, without handling the request', async () => {
    const sandbox = sandboxAt();
    sandbox.faults.set('reset', { times: 1 });
    await expect(create(sandbox, {})).rejects.toThrow('connection reset');
    expect(sandbox.store.sessions.size).toBe(0);
    expect((await create(sandbox, {})).status).toBe(201);
  });

  it('handles the request on slow, then answers', async () => {
    const sandbox = sandboxAt();
    sandbox.faults.set('slow', { delayMs: 1, times: 1 });
    expect((await create(sandbox, {})).status).toBe(201);
    expect(sandbox.store.sessions.size).toBe(1);
  });

  it('handles the request on hang (the text goes out) and answers only when the caller gives up', async () => {
    const sandbox = sandboxAt();
    sandbox.faults.set('hang', { times: 1 });
    const caller = new AbortController();
    const pending = sandbox.app.request('/v1/sessions', {
      method: 'POST',
      headers: signed('2026-11-28T10:00:00Z'),
      body: JSON.stringify({ sms: { to: '+16474551234' } }),
      signal: caller.signal,
    });
    await expect.poll(() => sandbox.store.outbox.length).toBe(1);
    expect(sandbox.store.requests).toEqual([]);
    caller.abort();
    expect((await pending).status).toBe(201);
  });
});
