/**
 * The stand-in capture page (routes/capture.ts, capture-page.ts): opening it starts the inspection, its
 * button walks the documented lifecycle, and the step that completes it ends at the session's redirect_url.
 */
import { describe, expect, it } from 'vitest';
import { create, sandboxAt, type Sandbox } from '../fixtures.ts';

const REDIRECT = 'https://www.dealer.example/thanks?from=pave&lead=7';

async function sessionKey(sandbox: Sandbox, body: unknown): Promise<string> {
  const response = await create(sandbox, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { session_key: string }).session_key;
}

const next = (sandbox: Sandbox, key: string) => sandbox.app.request(`/capture/${key}/next`, { method: 'POST' });
const page = async (sandbox: Sandbox, key: string) => (await sandbox.app.request(`/capture/${key}`)).text();

describe('sandbox capture page', () => {
  it('starts the inspection when opened and shows the step to take', async () => {
    const sandbox = sandboxAt();
    const key = await sessionKey(sandbox, { vehicle: { vin: '1HGCM82633A004352' } });
    const opened = await sandbox.app.request(`/capture/${key}`);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(sandbox.store.sessions.get(key)?.status).toBe('STARTED');
    expect(html).toContain('<strong data-status>STARTED</strong>');
    expect(html).toContain('for VIN <code>1HGCM82633A004352</code>');
    expect(html).toContain('<li aria-current="step">STARTED</li>');
    expect(html).toMatch(/<main>\s*<h1>Vehicle inspection<\/h1>/);
    expect(html).toContain(`<form method="post" action="/capture/${key}/next"><button>Take the photos</button></form>`);
  });

  it('walks the lifecycle one step per press, back to the page each time, and finishes at the session’s redirect_url', async () => {
    const sandbox = sandboxAt();
    const key = await sessionKey(sandbox, { session: { redirect_url: REDIRECT } });
    await page(sandbox, key);
    const seen: string[] = [];
    for (const status of ['PROCESS', 'QC_PASSED', 'CONFIRM']) {
      const step = await next(sandbox, key);
      expect(step.status).toBe(303);
      expect(step.headers.get('Location')).toBe(`/capture/${key}`);
      seen.push(sandbox.store.sessions.get(key)!.status);
      expect(seen.at(-1)).toBe(status);
    }
    expect(await page(sandbox, key)).toContain('<button>Finish the inspection</button>');

    const last = await next(sandbox, key);
    expect(last.status).toBe(303);
    // As given: nothing added to the dealer's URL, its query kept.
    expect(last.headers.get('Location')).toBe(REDIRECT);
    expect(sandbox.store.sessions.get(key)).toMatchObject({ status: 'COMPLETE', active: false });
    expect(sandbox.store.sessions.get(key)?.inspect_ended_at).not.toBeNull();
  });

  it('a finished link opened again says so and links back, without a step or a redirect', async () => {
    const sandbox = sandboxAt();
    const key = await sessionKey(sandbox, { session: { redirect_url: REDIRECT } });
    await page(sandbox, key);
    for (let i = 0; i < 4; i++) await next(sandbox, key);

    const again = await sandbox.app.request(`/capture/${key}`);
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain('Inspection complete. Thank you!');
    expect(html).toContain(`<a href="${REDIRECT.replace(/&/g, '&amp;')}">Back to the dealer</a>`);
    expect(html).not.toContain('<form');
    // Another press changes nothing and does not send the customer away a second time.
    const extra = await next(sandbox, key);
    expect(extra.headers.get('Location')).toBe(`/capture/${key}`);
    expect(sandbox.store.sessions.get(key)?.status).toBe('COMPLETE');
  });

  it('without a redirect_url the last step comes back to the page, which says the inspection is complete', async () => {
    const sandbox = sandboxAt();
    const key = await sessionKey(sandbox, {});
    await page(sandbox, key);
    for (let i = 0; i < 3; i++) await next(sandbox, key);
    const last = await next(sandbox, key);
    expect(last.headers.get('Location')).toBe(`/capture/${key}`);
    const html = await page(sandbox, key);
    expect(html).toContain('Inspection complete. Thank you!');
    expect(html).not.toContain('Back to the dealer');
  });

  it('an expired or invalid session offers no step, and a press does not revive it', async () => {
    const sandbox = sandboxAt();
    for (const [status, words] of [
      ['EXPIRED', 'This inspection link has expired.'],
      ['INVALID', 'This inspection is no longer valid.'],
    ] as const) {
      const key = await sessionKey(sandbox, { session: { redirect_url: REDIRECT } });
      const moved = await sandbox.app.request(`/_sandbox/sessions/${key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
      expect(moved.status).toBe(200);
      const html = await page(sandbox, key);
      expect(html).toContain(words);
      expect(html).not.toContain('<form');
      const press = await next(sandbox, key);
      expect(press.headers.get('Location')).toBe(`/capture/${key}`);
      expect(sandbox.store.sessions.get(key)?.status).toBe(status);
    }
  });

  it('answers 404 with a page for an unknown session', async () => {
    const sandbox = sandboxAt();
    for (const response of [await sandbox.app.request('/capture/DMO-NOPE000000'), await next(sandbox, 'DMO-NOPE000000')]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<h1>Session not found</h1>');
    }
  });
});
