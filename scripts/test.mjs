#!/usr/bin/env node
/**
 * `npm test`: every test — vitest (unit, HTTP, and the element in a browser), then Playwright (whole flows
 * in a browser) — with one closing line of counts.
 *
 * It finds a Chromium first: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own download.
 * On a Debian machine where it runs as root and finds none, it installs Debian's `chromium` with apt
 * (`npx playwright install` cannot download browsers on machines without general internet access).
 *
 * The rate-limit tests need a real Redis: $REDIS_URL when set, otherwise a `redis-server` this script
 * starts on 127.0.0.1:$REDIS_PORT (default 6390) and stops at the end — installing Debian's when missing,
 * as root. No Redis means a loud failure, never skipped tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall, findChromium, onPath } from './system.mjs';

// Not test-results/: Playwright empties that folder when it starts.
const RESULTS = '.reports';

/** Resolves true when something on 127.0.0.1:port answers PING with PONG. */
function redisAnswers(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.on('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

function portTaken(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** A Redis for the tests: `{ url, stop }`, or exits with the reason. */
async function startRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => {} };
  let binary = onPath('redis-server');
  if (!binary) {
    aptInstall('redis-server');
    binary = onPath('redis-server');
  }
  if (!binary) {
    console.error('No redis-server for the rate-limit tests. Install one (Debian: apt-get install redis-server) or set REDIS_URL.');
    process.exit(1);
  }
  const port = Number(process.env.REDIS_PORT ?? 6390);
  if (await portTaken(port)) {
    console.error(`Port ${port} on 127.0.0.1 is taken, so the tests cannot start their Redis there. Stop what listens there, or set REDIS_PORT (a free port) or REDIS_URL (a Redis to use).`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pave-capture-redis-'));
  const server = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Redis's own log is shown only if it fails to start.
  let log = '';
  for (const stream of [server.stdout, server.stderr]) stream.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  for (let attempt = 0; attempt < 50 && server.exitCode === null; attempt++) {
    if (await redisAnswers(port)) {
      console.log(`redis-server ${port} started for the tests (pid ${server.pid}).`);
      return { url: `redis://127.0.0.1:${port}`, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  console.error(`${log}\nredis-server did not start on 127.0.0.1:${port}: the rate-limit tests cannot run.`);
  process.exit(1);
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const chromium = await findChromium();
if (!chromium) {
  console.error('No Chromium for the browser tests. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const redis = await startRedis();
// vitest's browser project (the element's own tests) launches the same Chromium as Playwright.
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`], {
  REDIS_URL: redis.url,
  CHROMIUM_PATH: chromium,
});
redis.stop();
const playwrightStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${RESULTS}/playwright.json`,
});

const vitest = readJson(`${RESULTS}/vitest.json`);
const playwright = readJson(`${RESULTS}/playwright.json`);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
const broken = vitestStatus !== 0 || playwrightStatus !== 0 || !vitest || !playwright;

console.log(`\nvitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : 'did not report'}; playwright: ${playwright ? `${playwright.stats.expected} passed, ${playwright.stats.unexpected} failed` : 'did not report'}`);
console.log(`${passed} passed, ${failed + (broken && failed === 0 ? 1 : 0)} failed, ${skipped} skipped`);
process.exit(broken ? 1 : 0);
