/**
 * The stand-in capture page (routes/capture.ts, capture-page.ts): opening it starts the inspection, its
 * button walks the documented lifecycle.
 */
import { describe, expect, it } from 'vitest';
import { create, sandboxAt } from '../fixtures.ts';

describe('sandbox capture page', () => {
  it('walks the lifecycle from the stand-in capture page', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    expect((await sandbox.app.request(`/capture/${session_key}`)).status).toBe(200);
    expect(sandbox.store.sessions.get(session_key)?.status).toBe('STARTED');
    await sandbox.app.request(`/capture/${session_key}/next`, { method: 'POST' });
    expect(sandbox.store.sessions.get(session_key)?.status).toBe('PROCESS');
  });

  it('shows the status, redirects back after each step, and stops at COMPLETE', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, { vehicle: { vin: '1HGCM82633A004352' } })).json()) as { session_key: string };
    const page = await (await sandbox.app.request(`/capture/${session_key}`)).text();
    expect(page).toContain('<strong data-status>STARTED</strong>');
    expect(page).toContain('for VIN <code>1HGCM82633A004352</code>');
    const step = await sandbox.app.request(`/capture/${session_key}/next`, { method: 'POST' });
    expect(step.status).toBe(303);
    expect(step.headers.get('Location')).toBe(`/capture/${session_key}`);
    for (let i = 0; i < 5; i++) await sandbox.app.request(`/capture/${session_key}/next`, { method: 'POST' });
    expect(sandbox.store.sessions.get(session_key)).toMatchObject({ status: 'COMPLETE', active: false });
    expect(await (await sandbox.app.request(`/capture/${session_key}`)).text()).toContain('<button disabled>');
  });

  it('answers 404 with a page for an unknown session', async () => {
    const sandbox = sandboxAt();
    for (const response of [await sandbox.app.request('/capture/DMO-NOPE000000'), await sandbox.app.request('/capture/DMO-NOPE000000/next', { method: 'POST' })]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<h1>Session not found</h1>');
    }
  });
});
