/**
 * `npm run soak`: floods a running signer with creates from all-distinct client addresses, to all-distinct
 * numbers, each with a fresh Idempotency-Key, for a set time — the traffic that fills every in-memory store
 * to its cap — and prints, every 10 s after 5 s of warm-up, the requests per second it answered and its
 * memory; then the ratio of the last 30 s to the first 30 s. Goal: ≥ 0.7, with RSS flat once the stores
 * are full.
 *
 *   SOAK_SECONDS      how long, 20–600 (default 90)
 *   SOAK_CONNECTIONS  concurrent connections, 1–256 (default 32)
 *   SOAK_STORE_CAP    the signer's memory stores hold this many counters / answers, 1000–100000 (default: the
 *                     production 100 000 each); lower, a slow machine reaches the caps within the run
 *
 * Three processes on loopback: the PAVE sandbox and the signer, each a child of this one (this file, with
 * a role), and autocannon here. The signer is the production `createApp` with its default memory stores,
 * four sites (so one site's daily ceiling, 100 000 at most, is not what the figure measures) and one
 * difference: it takes the client address from the soak's own `X-Soak-Client-Ip` header, a reader wired
 * only here — no production entry trusts a header for it. The sandbox forgets its sessions at every
 * interval, so its own memory does not slow the run down.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request as CannonRequest } from 'autocannon';

const CLIENT_IP_HEADER = 'X-Soak-Client-Ip';
const SITES = 4;
const INTERVAL_S = 10;
/** Load before the first interval, so the first window measures a warm signer, not the JIT compiling it. */
const WARMUP_S = 5;
const WINDOW_S = 30;

/** A child: serves one role on 127.0.0.1, an ephemeral port, and answers the parent's `report` over IPC. */
async function serveRole(which: 'sandbox' | 'signer'): Promise<void> {
  const { serve } = await import('@hono/node-server');
  let answered = 0;
  const statuses: Record<string, number> = {};
  let fetch: (request: Request) => Response | Promise<Response>;
  let reset = () => {};
  if (which === 'sandbox') {
    const { createSandbox } = await import('../demo/sandbox/app.ts');
    const sandbox = createSandbox();
    fetch = (request) => sandbox.app.fetch(request);
    reset = () => sandbox.store.reset();
  } else {
    const { createApp } = await import('../signer/app.ts');
    const { loadConfig } = await import('../signer/config/environment.ts');
    const { isPerCallerKey } = await import('../signer/defences/limits.ts');
    const { nodeHashing } = await import('../signer/node-hashing.ts');
    const { createMemoryIdempotencyStore } = await import('../signer/stores/idempotency/memory.ts');
    const { createMemoryLimitStore } = await import('../signer/stores/limits/memory.ts');
    const cap = process.env.SOAK_STORE_CAP ? Number(process.env.SOAK_STORE_CAP) : undefined;
    const stores = cap ? { limitStore: createMemoryLimitStore({ maxKeys: cap, evictFirst: isPerCallerKey }), idempotency: createMemoryIdempotencyStore({ maxEntries: cap }) } : {};
    const app = createApp({ config: loadConfig(process.env), hashing: nodeHashing, clientIp: (c) => c.req.header(CLIENT_IP_HEADER), ...stores });
    fetch = async (request) => {
      const response = await app.fetch(request);
      answered += 1;
      const kind = `${Math.floor(response.status / 100)}xx`;
      statuses[kind] = (statuses[kind] ?? 0) + 1;
      return response;
    };
  }
  serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));
  process.on('message', (message) => {
    if (message === 'reset') reset();
    if (message === 'report') process.send?.({ answered, statuses: { ...statuses }, rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
  });
  process.on('disconnect', () => process.exit(0));
}

interface Report {
  answered: number;
  statuses: Record<string, number>;
  rss: number;
  heapUsed: number;
}

interface Child {
  port: number;
  send(message: 'reset'): void;
  report(): Promise<Report>;
  stop(): void;
}

function start(which: 'sandbox' | 'signer', env: Record<string, string> = {}): Promise<Child> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [which], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    // The signer writes its production log line per request: to nowhere here, but it still pays for it.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const report = () =>
    new Promise<Report>((resolve) => {
      const onMessage = (message: Partial<Report>) => {
        if (message.answered === undefined) return;
        child.off('message', onMessage);
        resolve(message as Report);
      };
      child.on('message', onMessage);
      child.send('report');
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${which} exited with code ${code} before listening`)));
    child.once('message', (message: { port: number }) =>
      resolve({ port: message.port, send: (text) => child.send(text), report, stop: () => child.kill('SIGTERM') }),
    );
  });
}

/** The n-th client address: 10.x.y.z, then IPv6 /64s once the 16 million run out. */
function clientIp(n: number): string {
  return n < 1 << 24 ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`;
}

const AREA_CODES = ['202', '212', '213', '305', '312', '404', '415', '503', '602', '617', '646', '702', '713', '718', '801', '804', '206', '303', '512', '615'];
/** The n-th mobile number: valid US numbers, all distinct for the first 140 million. */
function phone(n: number): string {
  const area = AREA_CODES[n % AREA_CODES.length];
  const exchange = 200 + (Math.floor(n / AREA_CODES.length) % 700);
  const line = Math.floor(n / (AREA_CODES.length * 700)) % 10_000;
  return `+1${area}${exchange}${String(line).padStart(4, '0')}`;
}

const originOf = (site: number) => `https://www.soak-${site}.example`;

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function soak(): Promise<void> {
  const seconds = clamp(Number(process.env.SOAK_SECONDS ?? 90), 20, 600, 90);
  const connections = clamp(Number(process.env.SOAK_CONNECTIONS ?? 32), 1, 256, 32);
  const storeCap = process.env.SOAK_STORE_CAP ? clamp(Number(process.env.SOAK_STORE_CAP), 1000, 100_000, 100_000) : undefined;
  const { DEMO_ACCOUNT } = await import('../demo/sandbox/app.ts');

  const sandbox = await start('sandbox');
  const site = {
    PAVE_API_URL: `http://127.0.0.1:${sandbox.port}`,
    PAVE_USERNAME: DEMO_ACCOUNT.username,
    PAVE_API_KEY: DEMO_ACCOUNT.apiKey,
    PAVE_API_SECRET: DEMO_ACCOUNT.apiSecret,
    RATE_LIMIT_SITE: 1_000_000,
    RATE_LIMIT_SITE_DAY: 100_000,
  };
  const sites = Object.fromEntries(Array.from({ length: SITES }, (_, i) => [`soak-${i}`, { ...site, ALLOWED_ORIGINS: [originOf(i)] }]));
  const signer = await start('signer', { SITES_JSON: JSON.stringify({ sites }), ...(storeCap ? { SOAK_STORE_CAP: String(storeCap) } : {}) });
  const stopAll = () => {
    signer.stop();
    sandbox.stop();
  };
  process.on('SIGINT', () => {
    stopAll();
    process.exit(130);
  });

  let sent = 0;
  const distinct = (request: CannonRequest): CannonRequest => {
    const n = sent++;
    return {
      ...request,
      headers: { ...request.headers, Origin: originOf(n % SITES), [CLIENT_IP_HEADER]: clientIp(n), 'Idempotency-Key': `soak-${n}` },
      body: JSON.stringify({ delivery: 'sms', phone: phone(n) }),
    };
  };

  console.log(`pave-capture soak: ${seconds} s after ${WARMUP_S} s of warm-up, ${connections} connections, signer on 127.0.0.1:${signer.port} → sandbox on 127.0.0.1:${sandbox.port}`);
  console.log(`all-distinct client addresses, numbers and Idempotency-Keys; creates by sms over ${SITES} sites; stores of ${storeCap ?? 100_000} counters / answers\n`);
  console.log(['t (s)', 'req/s', 'answers', 'RSS MB', 'heap MB'].map((cell) => cell.padStart(9)).join(''));

  const load = autocannon({
    url: `http://127.0.0.1:${signer.port}/v1/sessions`,
    connections,
    duration: WARMUP_S + seconds,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    requests: [{ setupRequest: distinct }],
  });
  const intervals: { seconds: number; rps: number; rss: number }[] = [];
  await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
  let last = { ...(await signer.report()), at: performance.now() };
  const sample = async () => {
    const now = { ...(await signer.report()), at: performance.now() };
    sandbox.send('reset');
    const elapsed = (now.at - last.at) / 1000;
    const rps = (now.answered - last.answered) / elapsed;
    intervals.push({ seconds: elapsed, rps, rss: now.rss });
    const answers = Object.entries(now.statuses)
      .map(([kind, count]) => `${kind}×${count - (last.statuses[kind] ?? 0)}`)
      .join(' ');
    const t = intervals.reduce((sum, row) => sum + row.seconds, 0);
    console.log([t.toFixed(0), rps.toFixed(0), '', mb(now.rss), mb(now.heapUsed)].map((cell) => cell.padStart(9)).join('') + `  ${answers}`);
    last = now;
  };
  let sampling: Promise<void> = Promise.resolve();
  const ticker = setInterval(() => (sampling = sample()), INTERVAL_S * 1000);
  const result = await load;
  clearInterval(ticker);
  await sampling;
  // The rest of the last interval, when there is enough of it to count.
  if ((performance.now() - last.at) / 1000 > INTERVAL_S / 2) await sample();
  stopAll();

  const window = Math.max(1, Math.min(WINDOW_S / INTERVAL_S, Math.floor(intervals.length / 3)));
  // Requests over seconds, so a shorter last interval weighs what it lasted.
  const mean = (rows: { seconds: number; rps: number }[]) => rows.reduce((sum, row) => sum + row.rps * row.seconds, 0) / rows.reduce((sum, row) => sum + row.seconds, 0);
  const first = mean(intervals.slice(0, window));
  const lastWindow = mean(intervals.slice(intervals.length - window));
  const ratio = lastWindow / first;
  const rss = intervals.map((row) => row.rss);
  console.log('');
  console.log(`first ${window * INTERVAL_S} s: ${first.toFixed(0)} req/s · last ${window * INTERVAL_S} s: ${lastWindow.toFixed(0)} req/s · ratio ${ratio.toFixed(2)} (goal ≥ 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
  console.log(`RSS: ${mb(Math.min(...rss))}–${mb(Math.max(...rss))} MB; last interval ${mb(rss.at(-1) ?? 0)} MB`);
  console.log(`autocannon: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
}

const role = process.argv[2];
if (role === 'sandbox' || role === 'signer') await serveRole(role);
else await soak();
