/**
 * The demo's ports (demo/start/ports.ts): which cannot be bound, the one line that says so, and free
 * ports to suggest. The message is pure; the probes bind loopback ports only.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Listener } from '../../../demo/start/plan.ts';
import { findPortProblems, portProblem, portsMessage, suggestPorts } from '../../../demo/start/ports.ts';

const page: Listener = { setting: 'DEMO_PORT', what: 'dealer page', port: 5173, host: '127.0.0.1' };
const signer: Listener = { setting: 'PORT', what: 'signer', port: 8787, host: '127.0.0.1' };
const sandbox: Listener = { setting: 'SANDBOX_PORT', what: 'PAVE sandbox', port: 8788, host: '127.0.0.1' };

describe('portsMessage', () => {
  it('one busy port: names it, its setting and what runs there, and ends with a command that works', () => {
    expect(portsMessage([{ listener: page, code: 'EADDRINUSE' }], new Map([['DEMO_PORT', 5174]]))).toBe(
      'npm start: port 5173 (dealer page, DEMO_PORT) is already in use — is the demo already running? Stop it, or start this one on free ports: DEMO_PORT=5174 npm start',
    );
  });

  it('every port busy (a second npm start): one line for all three', () => {
    const message = portsMessage(
      [page, signer, sandbox].map((listener) => ({ listener, code: 'EADDRINUSE' as const })),
      new Map([['DEMO_PORT', 5174], ['PORT', 8789], ['SANDBOX_PORT', 8790]]),
    );
    expect(message).toBe(
      'npm start: ports 5173 (dealer page, DEMO_PORT), 8787 (signer, PORT) and 8788 (PAVE sandbox, SANDBOX_PORT) are already in use — is the demo already running? Stop it, or start this one on free ports: DEMO_PORT=5174 PORT=8789 SANDBOX_PORT=8790 npm start',
    );
    expect(message).not.toContain('\n');
  });

  it('a privileged port: says so, and suggests one above 1023', () => {
    const low = { ...page, port: 80 };
    expect(portsMessage([{ listener: low, code: 'EACCES' }], new Map([['DEMO_PORT', 1024]]))).toBe(
      'npm start: port 80 (dealer page, DEMO_PORT) needs privileges this user does not have. Start this one on free ports: DEMO_PORT=1024 npm start',
    );
  });

  it('without a free port to suggest, names the settings to change', () => {
    expect(portsMessage([{ listener: signer, code: 'EADDRINUSE' }, { listener: sandbox, code: 'EADDRINUSE' }], new Map([['PORT', 8789]]))).toBe(
      'npm start: ports 8787 (signer, PORT) and 8788 (PAVE sandbox, SANDBOX_PORT) are already in use — is the demo already running? Stop it, or set PORT and SANDBOX_PORT to free ports above 1023.',
    );
  });
});

describe('portProblem', () => {
  it('reads Node’s codes and Vite’s strictPort refusal; anything else is not a port problem', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8787'), { code: 'EADDRINUSE' });
    expect(portProblem(signer, inUse)).toEqual({ listener: signer, code: 'EADDRINUSE' });
    expect(portProblem(page, new Error('Port 5173 is already in use'))).toEqual({ listener: page, code: 'EADDRINUSE' });
    expect(portProblem(page, Object.assign(new Error('listen EACCES'), { code: 'EACCES' }))).toEqual({ listener: page, code: 'EACCES' });
    expect(portProblem(page, Object.assign(new Error('boom'), { code: 'ENOMEM' }))).toBeUndefined();
    expect(portProblem(page, 'not an error')).toBeUndefined();
  });
});

describe('findPortProblems and suggestPorts (loopback)', () => {
  const held: Server[] = [];
  const hold = () =>
    new Promise<number>((resolve) => {
      const server = createServer();
      held.push(server);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  afterEach(async () => {
    await Promise.all(held.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  it('finds the port another process holds, and only that one; the free one stays free', async () => {
    const taken = await hold();
    const free = await hold();
    await new Promise((done) => held.pop()!.close(done));
    const problems = await findPortProblems([
      { ...page, port: taken },
      { ...signer, port: free },
    ]);
    expect(problems).toEqual([{ listener: { ...page, port: taken }, code: 'EADDRINUSE' }]);
    // The probe let go of the free port.
    expect(await findPortProblems([{ ...signer, port: free }])).toEqual([]);
  });

  it('suggests free ports above the busy ones, never one of the demo’s own or each other’s', async () => {
    const taken = await hold();
    const problems = [
      { listener: { ...page, port: taken }, code: 'EADDRINUSE' as const },
      { listener: { ...signer, port: taken }, code: 'EADDRINUSE' as const },
    ];
    const suggestions = await suggestPorts(problems, [taken, taken + 1]);
    const [first, second] = [suggestions.get('DEMO_PORT')!, suggestions.get('PORT')!];
    expect(first).toBeGreaterThan(taken + 1);
    expect(second).toBeGreaterThan(first);
    expect(await findPortProblems([{ ...page, port: first }, { ...signer, port: second }])).toEqual([]);
  });
});
