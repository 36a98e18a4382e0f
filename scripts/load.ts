/**
 * `npm run load`: drives the signer on loopback with autocannon for a fixed, bounded time per scenario and
 * prints throughput, latency percentiles, answers by status, errors, and the signer's memory before and
 * after (each after a full GC). Not part of `npm test`: figures depend on the machine.
 *
 * The sandbox and the signer run in child processes of their own; autocannon runs here. All three share
 * the machine's cores, so read the figures relative to each other, not as a capacity promise.
 *
 *   LOAD_SECONDS      per scenario, 1–30 (default 5)
 *   LOAD_CONNECTIONS  concurrent connections, 1–200 (default 20)
 */
import { fork, type ChildProcess } from 'node:child_process';
import autocannon, { type Request as CannonRequest, type Result } from 'autocannon';

const seconds = clamp(Number(process.env.LOAD_SECONDS ?? 5), 1, 30);
const connections = clamp(Number(process.env.LOAD_CONNECTIONS ?? 20), 1, 200);
const ORIGIN = 'https://load.test';

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
}

interface Server {
  child: ChildProcess;
  port: number;
  memory(): Promise<NodeJS.MemoryUsage>;
}

function start(role: 'sandbox' | 'signer', env: Record<string, string> = {}): Promise<Server> {
  const child = fork(new URL('./load-server.ts', import.meta.url), [role], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, ...env },
    // The signer logs every refusal it would log in production; those lines go nowhere here.
    stdio: ['ignore', 'ignore', role === 'signer' ? 'ignore' : 'inherit', 'ipc'],
  });
  const memory = () =>
    new Promise<NodeJS.MemoryUsage>((resolve) => {
      const onMessage = (message: { memory?: NodeJS.MemoryUsage }) => {
        if (!message.memory) return;
        child.off('message', onMessage);
        resolve(message.memory);
      };
      child.on('message', onMessage);
      child.send('memory');
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with code ${code} before listening`)));
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port, memory }));
  });
}

let counter = 0;
/** A fresh client address per request (the signer trusts X-Forwarded-For from loopback here), so the per-IP ceiling stays out of the way. */
const spreadAddresses = (request: CannonRequest): CannonRequest => {
  counter += 1;
  return { ...request, headers: { ...request.headers, 'X-Forwarded-For': `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}` } };
};

interface Scenario {
  name: string;
  expect: string;
  body: string;
  headers?: Record<string, string>;
  spread: boolean;
}

const scenarios: Scenario[] = [
  { name: 'create (link), limits out of the way', expect: '201', body: '{"delivery":"link","vin":"1HGCM82633A004352"}', spread: true },
  { name: 'flood from one address', expect: '429 after 20', body: '{"delivery":"link"}', spread: false },
  { name: 'invalid bodies', expect: '400', body: '{"delivery":"sms","phone":"12","theme":"LITE"}', spread: true },
  { name: 'oversized bodies', expect: '413', body: JSON.stringify({ delivery: 'link', name: 'x'.repeat(16_384) }), spread: true },
  { name: 'foreign origin', expect: '403', body: '{"delivery":"link"}', headers: { Origin: 'https://evil.example' }, spread: true },
];

function run(port: number, scenario: Scenario): Promise<Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}/v1/sessions`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json', ...scenario.headers },
    body: scenario.body,
    requests: scenario.spread ? [{ setupRequest: spreadAddresses }] : undefined,
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const statuses = (result: Result) =>
  Object.entries(result.statusCodeStats ?? {})
    .map(([status, stats]) => `${status}×${stats.count ?? 0}`)
    .join(' ');

const sandbox = await start('sandbox');
const signer = await start('signer', {
  PAVE_API_URL: `http://127.0.0.1:${sandbox.port}`,
  PAVE_USERNAME: 'demo',
  PAVE_API_KEY: 'sandbox_demo_key',
  PAVE_API_SECRET: 'sandbox_demo_secret_do_not_use',
  ALLOWED_ORIGINS: ORIGIN,
  TRUSTED_PROXIES: '127.0.0.1',
  RATE_LIMIT_SITE: '1000000',
  RATE_LIMIT_SITE_DAY: '100000',
});

try {
  console.log(`pave-capture load: ${seconds} s per scenario, ${connections} connections, signer on 127.0.0.1:${signer.port} → sandbox on 127.0.0.1:${sandbox.port}\n`);
  const rows: string[][] = [['scenario', 'expect', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'answers', 'errors', 'timeouts']];
  const before = await signer.memory();
  for (const scenario of scenarios) {
    const result = await run(signer.port, scenario);
    rows.push([
      scenario.name,
      scenario.expect,
      result.requests.average.toFixed(0),
      String(result.latency.p50),
      String(result.latency.p90),
      String(result.latency.p99),
      String(result.latency.max),
      statuses(result),
      String(result.errors),
      String(result.timeouts),
    ]);
  }
  const after = await signer.memory();

  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => (column < 2 || column === 7 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
  console.log(
    `\nsigner memory after GC: rss ${mb(before.rss)} → ${mb(after.rss)}, heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)}` +
      ` (the memory store keeps each client address for a minute and each create for a day, by design)`,
  );
} finally {
  signer.child.kill();
  sandbox.child.kill();
}
