/**
 * Finds a Chromium for the click-to-link figure the way `npm test` does: $CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, Playwright's own download; as root on Debian it installs Debian's `chromium`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The flags the project's Playwright config uses (toolchain.md): quiet, no GPU, no sandbox for root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function findChromium(): Promise<string | undefined> {
  const found = fromPaths() ?? (await playwrightsOwn());
  if (found) return found;
  installWithApt();
  return fromPaths();
}

function fromPaths(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
}

async function playwrightsOwn(): Promise<string | undefined> {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function installWithApt(): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return;
  console.error('bench: no Chromium found; installing Debian’s chromium with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
