/**
 * One baseline subject of the throughput figure, in a process of its own:
 * `node --import tsx bench/serve.ts bare|minimal|express`. Listens on 127.0.0.1, port 0 (or BENCH_PORT),
 * and prints `listening <port>` for the runner. `minimal` and `express` call the PAVE stand-in at
 * BENCH_UPSTREAM. (The signer itself runs as `signer/node.ts`, exactly as `npm run signer` starts it.)
 */
import { serve } from '@hono/node-server';
import { createBareSubject } from './bare-app.ts';
import { createExpressFromDocs } from './express-docs.ts';
import { createMinimalSigner } from './minimal-signer.ts';
import { benchEnv } from './subjects.ts';

const subject = process.argv[2];
const upstream = process.env.BENCH_UPSTREAM ?? '';
const port = Number(process.env.BENCH_PORT ?? 0);
if ((subject !== 'bare' && subject !== 'minimal' && subject !== 'express') || (subject !== 'bare' && !upstream)) {
  console.error('usage: BENCH_UPSTREAM=http://127.0.0.1:<port> bench/serve.ts bare|minimal|express');
  process.exit(2);
}

if (subject === 'express') {
  const account = { username: benchEnv.PAVE_USERNAME!, apiKey: benchEnv.PAVE_API_KEY!, apiSecret: benchEnv.PAVE_API_SECRET! };
  const server = createExpressFromDocs(upstream, account).listen(port, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const app = subject === 'minimal' ? createMinimalSigner(upstream) : createBareSubject();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
