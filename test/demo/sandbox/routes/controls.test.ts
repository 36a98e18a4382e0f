/**
 * The sandbox's own controls (routes/controls.ts): faults, the request log, the outbox, sessions, reset.
 */
import { describe, expect, it } from 'vitest';
import { create, sandboxAt } from '../fixtures.ts';

describe('sandbox fault control', () => {
  it('is controlled over HTTP too', async () => {
    const sandbox = sandboxAt();
    expect((await sandbox.app.request('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ mode: 'nope' }) })).status).toBe(400);
    await sandbox.app.request('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ mode: 'error', times: 1 }) });
    expect((await create(sandbox, {})).status).toBe(500);
    expect(((await (await sandbox.app.request('/_sandbox/requests')).json()) as { requests: unknown[] }).requests).toHaveLength(1);
  });

  it('names the modes when refusing one, and clears a fault on DELETE', async () => {
    const sandbox = sandboxAt();
    const refused = await sandbox.app.request('/_sandbox/faults', { method: 'POST', body: 'not json' });
    expect(await refused.json()).toEqual({ message: 'mode must be one of slow, error, garbage, hang, reset' });
    const set = await sandbox.app.request('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ mode: 'error' }) });
    expect(await set.json()).toEqual({ ok: true });
    expect((await create(sandbox, {})).status).toBe(500);
    expect((await create(sandbox, {})).status).toBe(500);
    expect(await (await sandbox.app.request('/_sandbox/faults', { method: 'DELETE' })).json()).toEqual({ ok: true });
    expect((await create(sandbox, {})).status).toBe(201);
  });
});

describe('sandbox outbox and reset', () => {
  it('shows the texts it sent, and forgets everything on reset', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, { sms: { to: '+16474551234' } })).json()) as { session_key: string };
    sandbox.faults.set('error');
    const outbox = (await (await sandbox.app.request('/_sandbox/outbox')).json()) as { messages: unknown[] };
    expect(outbox.messages).toEqual([expect.objectContaining({ kind: 'create', session_key, to: '+16474551234' })]);
    expect(await (await sandbox.app.request('/_sandbox/reset', { method: 'POST' })).json()).toEqual({ ok: true });
    expect([sandbox.store.sessions.size, sandbox.store.outbox.length, sandbox.store.requests.length]).toEqual([0, 0, 0]);
    expect((await create(sandbox, {})).status).toBe(201);
  });
});

describe('sandbox lifecycle control', () => {
  it('moves a session to any documented status over HTTP, stamping the times', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    const move = (status: string) => sandbox.app.request(`/_sandbox/sessions/${session_key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
    expect(await (await move('STARTED')).json()).toMatchObject({ status: 'STARTED', active: true, inspect_started_at: '2026-11-28T10:00:00.000000Z' });
    expect(await (await move('COMPLETE')).json()).toMatchObject({ status: 'COMPLETE', active: false, inspect_ended_at: '2026-11-28T10:00:00.000000Z' });
    expect((await move('DONE')).status).toBe(400);
    expect((await sandbox.app.request('/_sandbox/sessions/DMO-NOPE000000/status', { method: 'POST', body: '{"status":"IDLE"}' })).status).toBe(404);
    const read = await sandbox.app.request(`/_sandbox/sessions/${session_key}`);
    expect(await read.json()).toMatchObject({ session_key, status: 'COMPLETE', resends: 0 });
  });

  it('reads any account’s session without auth, hides the owner, and 404s an unknown one', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    const read = (await (await sandbox.app.request(`/_sandbox/sessions/${session_key}`)).json()) as Record<string, unknown>;
    expect(read).not.toHaveProperty('owner');
    const unknown = await sandbox.app.request('/_sandbox/sessions/DMO-NOPE000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Session KEY cannot be found.' });
  });

  it('ends a session as EXPIRED or INVALID, and names the statuses when refusing one', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    const move = (status: string) => sandbox.app.request(`/_sandbox/sessions/${session_key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
    expect(await (await move('EXPIRED')).json()).toMatchObject({ status: 'EXPIRED', active: false, inspect_started_at: null, inspect_ended_at: null });
    expect(await (await move('nope')).json()).toEqual({ message: 'status must be one of IDLE, STARTED, PROCESS, QC_PASSED, CONFIRM, COMPLETE, EXPIRED, INVALID' });
  });
});
