/**
 * One subject of the throughput figure on @hono/node-server, in a process of its own:
 * `node --import tsx bench/serve.ts signer|bare`. Listens on 127.0.0.1, port 0 (or BENCH_PORT), and
 * prints `listening <port>` for the runner.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createBareSubject, createSignerSubject } from './subjects.ts';

const subject = process.argv[2];
if (subject !== 'signer' && subject !== 'bare') {
  console.error('usage: bench/serve.ts signer|bare');
  process.exit(2);
}

const app = subject === 'signer' ? createSignerSubject((c) => getConnInfo(c).remote.address) : createBareSubject();
const server = serve({ fetch: app.fetch, port: Number(process.env.BENCH_PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
