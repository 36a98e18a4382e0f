/**
 * What `npm test` and `npm run bench` need from the machine, found or installed the same way:
 * Chromium ($CHROMIUM_PATH, Debian's, or Playwright's own download) and Debian packages (redis-server,
 * wrk, chromium) installed with apt when the script runs as root on Debian — `npx playwright install`
 * cannot download browsers on machines without general internet access. Plain JavaScript, so `npm test`
 * runs it with node before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The flags the browser tests and the bench launch Chromium with (toolchain.md): quiet, no GPU, no sandbox for root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** $CHROMIUM_PATH, Debian's Chromium, or Playwright's own download; installs Debian's as a last resort. */
export async function findChromium() {
  const found = installedChromium() ?? (await playwrightsOwnChromium());
  if (found) return found;
  aptInstall('chromium');
  return installedChromium();
}

function installedChromium() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
}

async function playwrightsOwnChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The full path of command `name` on $PATH, or `undefined`. */
export function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((path) => existsSync(path));
}

/**
 * Installs Debian package `name` with apt-get when running as root on Debian; does nothing otherwise
 * (the caller then says what is missing). Services are installed, not started (RUNLEVEL=1), so Debian's
 * own redis-server does not take port 6379.
 */
export function aptInstall(name) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return;
  console.error(`${name} is missing: installing Debian’s ${name} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', name], { stdio: 'inherit', env });
}
