/**
 * The bench's two subjects must keep answering the contract's 201, or the speed figures would time
 * error paths. (No timing here: the figures live in `npm run bench`.)
 */
import { describe, expect, it } from 'vitest';
import { PaveSession } from '../../signer/pave/types.ts';
import { CreateSessionResponse } from '../../contract/schema.ts';
import { createBareSubject, createSignerSubject, instantPave, LINK_REQUEST, REQUEST_HEADERS, SMS_REQUEST } from '../../bench/subjects.ts';

const post = (app: ReturnType<typeof createBareSubject>, body: unknown, headers: Record<string, string> = REQUEST_HEADERS) =>
  app.request('/v1/sessions', { method: 'POST', headers, body: JSON.stringify(body) });

describe('the signer subject', () => {
  it('runs the whole path for a link request: 201 with a session, a capture URL and a ticket', async () => {
    const response = await post(createSignerSubject(), LINK_REQUEST);
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(REQUEST_HEADERS.Origin);
    const body = await response.json();
    expect(CreateSessionResponse.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ delivery: 'link', capture_url: `https://bench.vehiclecapture.com/${body.session_key}` });
  });

  it('texts for an sms request, with the number masked', async () => {
    const response = await post(createSignerSubject(), SMS_REQUEST);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ delivery: 'sms', sms_to: '+1 ••• ••• 0143' });
  });

  it('still refuses a foreign origin, so the bench configures the real checks', async () => {
    const response = await post(createSignerSubject(), LINK_REQUEST, { ...REQUEST_HEADERS, Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });
});

describe('instantPave', () => {
  it('answers a valid PAVE session with a fresh key each time', async () => {
    const pave = instantPave();
    const first = await (await pave('http://pave/v1/sessions', { method: 'POST' })).json();
    const second = await (await pave('http://pave/v1/sessions', { method: 'POST' })).json();
    expect(PaveSession.safeParse(first).success).toBe(true);
    expect(first.session_key).not.toBe(second.session_key);
  });
});

describe('the bare subject', () => {
  it('answers the same route with a fixed body of the signer’s 201 shape', async () => {
    const response = await post(createBareSubject(), LINK_REQUEST);
    expect(response.status).toBe(201);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(CreateSessionResponse.safeParse(await response.json()).success).toBe(true);
  });
});
