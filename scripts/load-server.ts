/**
 * One server of `npm run load`, in its own process so its memory is measured alone: `sandbox` (the PAVE
 * emulator) or `signer` (configured by the environment the parent passes). Listens on 127.0.0.1, an
 * ephemeral port, and talks to the parent over IPC: `{ port }` once listening; on `'memory'`, a GC and
 * then `process.memoryUsage()`.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../signer/app.ts';
import { clientIpReader } from '../signer/http/client-ip.ts';
import { loadConfig } from '../signer/config/environment.ts';
import { consoleLogger } from '../signer/http/event-log.ts';
import { nodeHashing } from '../signer/node-hashing.ts';
import { createSandbox } from '../demo/sandbox/app.ts';

const role = process.argv[2];
if (role !== 'sandbox' && role !== 'signer') throw new Error('usage: load-server.ts sandbox|signer');

function app(): (request: Request, env?: unknown) => Response | Promise<Response> {
  if (role === 'sandbox') return createSandbox().app.fetch;
  const config = loadConfig(process.env);
  const clientIp = clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => getConnInfo(c).remote.address });
  return createApp({ config, clientIp, events: consoleLogger, hashing: nodeHashing }).fetch;
}

serve({ fetch: app(), port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));

process.on('message', (message) => {
  if (message !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ memory: process.memoryUsage() });
});
process.on('disconnect', () => process.exit(0));
