/**
 * The PAVE client on its own: what it sends, how it reads answers, and its one retry.
 */
import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createPaveClient, fetchHttp, type PaveHttpRequest } from '../../../signer/pave/client.ts';

const credentials = { username: 'demo', apiKey: 'test_key', apiSecret: 'test_secret' };
const NOW = new Date('2021-05-30T12:49:19Z');

/** A fetch that records each call and answers from a list. */
function scripted(...answers: Array<Response | Error>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    calls.push({ url: String(input), init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, fetch };
}

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
const client = (fetch: typeof globalThis.fetch, timeoutMs = 1000) => createPaveClient({ baseUrl: 'https://pave.test/', credentials, fetch, now: () => NOW, timeoutMs });

describe('PAVE client', () => {
  it('signs a create and reads the session', async () => {
    const { calls, fetch } = scripted(Response.json({ session_key: 'DMO-7K2P9QX4ZT', capture_url: 'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT' }, { status: 201 }));
    const outcome = await client(fetch).createSession({ session: { theme: 'PRO' } });
    expect(outcome).toEqual({ ok: true, status: 201, value: { session_key: 'DMO-7K2P9QX4ZT', capture_url: 'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT', options: undefined } });
    expect(calls[0]?.url).toBe('https://pave.test/v1/sessions');
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: '{"session":{"theme":"PRO"}}' });
    expect(calls[0]?.init.headers).toEqual({
      'API-Key': 'test_key',
      'API-Timestamp': '2021-05-30T12:49:19Z',
      'API-Token': 'a6b241ef7d86fe9618fc419463663d74f5e722240cec33281dee460252a99355',
      Accept: 'application/json',
      'Content-Type': 'application/json',
    });
  });

  it('resends on v2 with API-Access-Token (and the v1 signature), any 2xx being success', async () => {
    const { calls, fetch } = scripted(new Response(null, { status: 204 }), Response.json({ message: 'SMS has been resent.' }));
    const pave = client(fetch);
    expect(await pave.resendSms('DMO-7K2P9QX4ZT', {})).toEqual({ ok: true, status: 204, value: null });
    expect(await pave.resendSms('DMO-7K2P9QX4ZT', { phone: '+16474551234' })).toEqual({ ok: true, status: 200, value: null });
    expect(calls.map((call) => [call.url, call.init.body])).toEqual([
      ['https://pave.test/v2/capture/sessions/DMO-7K2P9QX4ZT/resend', '{}'],
      ['https://pave.test/v2/capture/sessions/DMO-7K2P9QX4ZT/resend', '{"phone":"+16474551234"}'],
    ]);
    expect(calls[0]?.init.headers).toMatchObject({ 'API-Access-Token': 'test_key', 'API-Key': 'test_key' });
  });

  it('does not take a proxy’s HTML page for a sent text', async () => {
    const { fetch } = scripted(new Response('<html>portal</html>', { status: 200 }));
    expect(await client(fetch).resendSms('DMO-7K2P9QX4ZT', {})).toEqual({ ok: false, kind: 'unavailable', status: 200, reason: 'unparseable body' });
  });

  it('reads PAVE’s errors in both shapes, and anything else', async () => {
    const { fetch } = scripted(
      Response.json({ message: 'The given data was invalid.', errors: { 'sms.to': ['Bad number.'] } }, { status: 400 }),
      Response.json({ message: 'Session KEY cannot be found.' }, { status: 404 }),
      new Response('Bad Gateway', { status: 502 }),
      new Response('not json', { status: 422 }),
    );
    const pave = client(fetch);
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'rejected', status: 400, message: 'The given data was invalid.', fields: { 'sms.to': ['Bad number.'] } });
    expect(await pave.getSession('DMO-7K2P9QX4ZT')).toEqual({ ok: false, kind: 'rejected', status: 404, message: 'Session KEY cannot be found.', fields: {} });
    expect(await pave.getSession('DMO-7K2P9QX4ZT')).toEqual({ ok: false, kind: 'unavailable', status: 502, reason: 'HTTP 502' });
    expect(await pave.getSession('DMO-7K2P9QX4ZT')).toEqual({ ok: false, kind: 'rejected', status: 422, message: 'HTTP 422', fields: {} });
  });

  it('retries exactly once, and only when the connection never opened', async () => {
    const again = scripted(refused(), Response.json({ session_key: 'DMO-7K2P9QX4ZT' }, { status: 201 }));
    expect((await client(again.fetch).createSession({})).ok).toBe(true);
    expect(again.calls).toHaveLength(2);

    const twice = scripted(refused(), refused(), Response.json({}));
    expect(await client(twice.fetch).createSession({})).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(twice.calls).toHaveLength(2);

    const reset = scripted(new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }), Response.json({}));
    expect(await client(reset.fetch).createSession({})).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(reset.calls).toHaveLength(1);
  });

  it('gives up at the budget, whatever the fetch does', async () => {
    const ignoresSignal: typeof fetch = () => new Promise((resolve) => setTimeout(() => resolve(Response.json({ session_key: 'DMO-7K2P9QX4ZT' })), 200));
    expect(await client(ignoresSignal, 50).createSession({})).toEqual({ ok: false, kind: 'timeout' });
  });

  it('with the real fetch: a closed port is refused twice and reported unavailable', async () => {
    const server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    await new Promise((resolve) => server.close(resolve));
    let attempts = 0;
    const counting: typeof fetch = (input, init) => ((attempts += 1), fetch(input, init));
    const pave = createPaveClient({ baseUrl: `http://127.0.0.1:${port}`, credentials, fetch: counting, timeoutMs: 5000 });
    expect(await pave.createSession({})).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(attempts).toBe(2);
  });

  it('speaks through an injected HTTP client instead of fetch, with the same signed call', async () => {
    const requests: PaveHttpRequest[] = [];
    const pave = createPaveClient({
      baseUrl: 'https://pave.test',
      credentials,
      now: () => NOW,
      fetch: () => Promise.reject(new Error('fetch must not be used when a client is given')),
      http: async (request) => (requests.push(request), { status: 201, text: '{"session_key":"DMO-7K2P9QX4ZT"}' }),
    });
    expect(await pave.createSession({ session: { theme: 'PRO' } })).toMatchObject({ ok: true, status: 201, value: { session_key: 'DMO-7K2P9QX4ZT' } });
    expect(requests).toEqual([
      {
        method: 'POST',
        url: 'https://pave.test/v1/sessions',
        headers: expect.objectContaining({ 'API-Token': 'a6b241ef7d86fe9618fc419463663d74f5e722240cec33281dee460252a99355' }),
        body: '{"session":{"theme":"PRO"}}',
        signal: expect.any(AbortSignal),
      },
    ]);
  });

  it('retries an injected client once when its connection was refused, as with fetch', async () => {
    let attempts = 0;
    const http = async () => {
      attempts += 1;
      if (attempts === 1) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      return { status: 201, text: '{"session_key":"DMO-7K2P9QX4ZT"}' };
    };
    const pave = createPaveClient({ baseUrl: 'https://pave.test', credentials, http, timeoutMs: 1000 });
    expect(await pave.createSession({})).toMatchObject({ ok: true });
    expect(attempts).toBe(2);
  });
});

describe('PAVE client: addresses and answers at the edges', () => {
  it('strips every trailing slash of the base URL, so PAVE_API_URL=https://pave.test// still calls /v1/sessions', async () => {
    const { calls, fetch } = scripted(Response.json({ session_key: 'DMO-7K2P9QX4ZT' }, { status: 201 }), Response.json({ session_key: 'DMO-7K2P9QX4ZT' }));
    const pave = createPaveClient({ baseUrl: 'https://pave.test///', credentials, fetch, now: () => NOW });
    await pave.createSession({});
    await pave.getSession('DMO-7K2P9QX4ZT');
    expect(calls.map((call) => call.url)).toEqual(['https://pave.test/v1/sessions', 'https://pave.test/v1/sessions/DMO-7K2P9QX4ZT']);
  });

  it('builds the branded capture URL under the account name, for answers without capture_url', () => {
    const pave = createPaveClient({ baseUrl: 'https://pave.test', credentials: { ...credentials, username: 'mainstreet' }, fetch: scripted().fetch });
    expect(pave.captureUrlFor('DMO-7K2P9QX4ZT')).toBe('https://mainstreet.vehiclecapture.com/DMO-7K2P9QX4ZT');
  });

  it('says why a 2xx is no session: an empty body, or a body that is not a session', async () => {
    const { fetch } = scripted(new Response(null, { status: 201 }), Response.json({ session_key: 'not a key' }, { status: 201 }), new Response('{oops', { status: 200 }));
    const pave = client(fetch);
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'unavailable', status: 201, reason: 'empty body' });
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'unavailable', status: 201, reason: 'unexpected session body' });
    expect(await pave.getSession('DMO-7K2P9QX4ZT')).toEqual({ ok: false, kind: 'unavailable', status: 200, reason: 'unparseable body' });
  });

  it('takes a resend answered with only white space (a bare newline) as an empty 2xx: sent', async () => {
    const { fetch } = scripted(new Response('\r\n', { status: 200 }), new Response(' ', { status: 202 }));
    const pave = client(fetch);
    expect(await pave.resendSms('DMO-7K2P9QX4ZT', {})).toEqual({ ok: true, status: 200, value: null });
    expect(await pave.resendSms('DMO-7K2P9QX4ZT', {})).toEqual({ ok: true, status: 202, value: null });
  });

  it('takes neither a 1xx nor a redirect for PAVE’s answer: unavailable, not a session and not a rejection of the request', async () => {
    const answers = [
      { status: 103, text: '{"session_key":"DMO-7K2P9QX4ZT"}' },
      { status: 302, text: '{"message":"Moved."}' },
      { status: 307, text: '' },
      { status: 300, text: '{"session_key":"DMO-7K2P9QX4ZT"}' },
    ];
    const pave = createPaveClient({ baseUrl: 'https://pave.test', credentials, http: async () => answers.shift()!, timeoutMs: 1000 });
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'unavailable', status: 103, reason: 'HTTP 103' });
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'unavailable', status: 302, reason: 'HTTP 302' });
    expect(await pave.resendSms('DMO-7K2P9QX4ZT', {})).toEqual({ ok: false, kind: 'unavailable', status: 307, reason: 'HTTP 307' });
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'unavailable', status: 300, reason: 'HTTP 300' });
  });

  it('leaves no timer behind once PAVE has answered', async () => {
    vi.useFakeTimers();
    try {
      const pave = createPaveClient({ baseUrl: 'https://pave.test', credentials, http: async () => ({ status: 201, text: '{"session_key":"DMO-7K2P9QX4ZT"}' }) });
      expect(await pave.createSession({})).toMatchObject({ ok: true, status: 201 });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('fetchHttp', () => {
  it('turns a fetch into the client’s HTTP port: status and whole text back', async () => {
    const { calls, fetch } = scripted(new Response('{"a":1}', { status: 202 }));
    const signal = new AbortController().signal;
    expect(await fetchHttp(fetch)({ method: 'POST', url: 'https://pave.test/x', headers: { A: 'b' }, body: '{}', signal })).toEqual({ status: 202, text: '{"a":1}' });
    expect(calls).toEqual([{ url: 'https://pave.test/x', init: { method: 'POST', headers: { A: 'b' }, body: '{}', signal } }]);
  });
});
