/**
 * `npm run screenshots`: the README's pictures of the widget — the hand-offs and every screen a customer
 * can end on — taken in Chromium and written to docs/*.png.
 *
 * Each screen is reached as a customer reaches it: the widget's own form, then the PAVE sandbox's controls
 * move the session through its statuses (`POST /_sandbox/sessions/:key/status`) or make PAVE fail
 * (`POST /_sandbox/faults`). Nothing of the widget is faked, and no screen is recognised by its words: a
 * shot waits for the widget's contract events (`pave-session-created`, `pave-session-status`, `pave-error`)
 * and for its render to settle, so new wording or new screens are taken as they are.
 *
 * Without DEMO_URL it starts its own demo (demo/start.ts with the sandbox on free loopback ports, and PAVE's
 * branded capture links, as customers see them) and stops it at the end. With DEMO_URL it uses that running
 * demo, which must run the sandbox (`npm start` without PAVE credentials, or DEMO_USE_SANDBOX=true).
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, devices, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { freePort, startServer, type Server } from '../bench/processes.ts';
import { CHROMIUM_ARGS, findChromium } from './system.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const VIN = '1HGCM82633A004352';
const PHONE = '2025550143';
/** How long the widget may take to hear a status change (it polls every 2 s, slower while nothing changes). */
const STATUS_WAIT_MS = 60_000;

type Status = 'STARTED' | 'PROCESS' | 'QC_PASSED' | 'CONFIRM' | 'COMPLETE' | 'EXPIRED' | 'INVALID';

interface Shot {
  file: string;
  device: 'desktop' | 'phone';
  delivery: 'auto' | 'link' | 'sms';
  /** Statuses the sandbox moves the session through after the hand-off, in order; the last one is shown. */
  statuses?: Status[];
  /** PAVE answers the create with a 500: the widget's error screen. */
  paveFails?: boolean;
}

/** Every screen worth a picture. The failing one runs last: the signer remembers a failed create for a while. */
const SHOTS: Shot[] = [
  { file: 'desktop-qr.png', device: 'desktop', delivery: 'auto' },
  { file: 'phone.png', device: 'phone', delivery: 'auto' },
  { file: 'sms-sent.png', device: 'desktop', delivery: 'sms' },
  { file: 'progress.png', device: 'desktop', delivery: 'auto', statuses: ['STARTED', 'PROCESS'] },
  { file: 'complete.png', device: 'desktop', delivery: 'auto', statuses: ['STARTED', 'PROCESS', 'COMPLETE'] },
  { file: 'complete-phone.png', device: 'phone', delivery: 'auto', statuses: ['STARTED', 'COMPLETE'] },
  { file: 'expired.png', device: 'desktop', delivery: 'sms', statuses: ['EXPIRED'] },
  { file: 'invalid.png', device: 'desktop', delivery: 'auto', statuses: ['INVALID'] },
  { file: 'error.png', device: 'desktop', delivery: 'link', paveFails: true },
];

const { defaultBrowserType: _desktopBrowser, ...desktopChrome } = devices['Desktop Chrome']!;
const { defaultBrowserType: _phoneBrowser, ...pixel } = devices['Pixel 7']!;
/** CSS pixels, one device pixel each: small files, sharp enough for a README. */
const CONTEXTS: Record<Shot['device'], BrowserContextOptions> = {
  desktop: { ...desktopChrome, viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 },
  phone: { ...pixel, deviceScaleFactor: 1 },
};

interface Recorded {
  type: string;
  detail: { session_key?: string; status?: string; code?: string };
}

declare global {
  interface Window {
    __shotEvents?: Recorded[];
  }
}

/** A running demo: its URL, and how to stop it when this script started it. */
async function demo(): Promise<{ base: string; stop: () => Promise<void> }> {
  if (process.env.DEMO_URL) return { base: process.env.DEMO_URL.replace(/\/$/, ''), stop: async () => {} };
  const [page, signer, sandbox] = [await freePort(), await freePort(), await freePort()];
  const server: Server = await startServer(process.execPath, ['--import', 'tsx', join(ROOT, 'demo/start.ts')], {
    cwd: ROOT,
    ready: /Dealer page:\s+http:\/\/localhost:(\d+)/,
    env: {
      ...process.env,
      DEMO_USE_SANDBOX: 'true',
      SANDBOX_LOCAL_CAPTURE: 'false',
      // Set, and empty, so a PUBLIC_HOST in .env does not apply: these pictures are taken on loopback.
      PUBLIC_HOST: '',
      DEMO_PORT: String(page),
      PORT: String(signer),
      SANDBOX_PORT: String(sandbox),
      // One browser creates every session from one address.
      RATE_LIMIT_IP: '1000',
      RATE_LIMIT_PHONE: '1000',
    },
  });
  return { base: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}

/** The sandbox's controls, through the demo page's /sandbox proxy. */
function sandboxControls(base: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/sandbox/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the sandbox answered ${response.status} to ${method} /_sandbox${path}: ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  return {
    ready: () =>
      call('GET', '/outbox').catch((error: Error) => {
        throw new Error(`${base} has no PAVE sandbox behind /sandbox (${error.message}). Run the demo with the sandbox, or leave DEMO_URL unset.`);
      }),
    setStatus: (key: string, status: Status) => call('POST', `/sessions/${key}/status`, { status }),
    failNext: () => call('POST', '/faults', { mode: 'error', times: 1 }),
    clearFaults: () => call('DELETE', '/faults'),
  };
}

/** Resolves with the first recorded event of `type` that `match` accepts. */
async function waitForEvent(page: Page, type: string, match: (detail: Recorded['detail']) => boolean = () => true, timeout = 20_000): Promise<Recorded['detail']> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const events = await page.evaluate(() => window.__shotEvents ?? []);
    const found = events.find((event) => event.type === type && match(event.detail));
    if (found) return found.detail;
    const failure = events.find((event) => event.type === 'pave-error');
    if (failure && type !== 'pave-error') throw new Error(`the widget reported ${failure.detail.code} while waiting for ${type}`);
    if (Date.now() > deadline) throw new Error(`no ${type} within ${timeout} ms (events: ${events.map((event) => event.type).join(', ') || 'none'})`);
    await page.waitForTimeout(100);
  }
}

/** The widget's render has caught up: Lit's update, the fonts, a frame, and no QR code still loading. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const widget = document.querySelector('pave-capture') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await widget?.updateComplete;
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
  // The QR encoder is fetched on demand: its empty square must be filled (or replaced) before the picture.
  await page
    .locator('pave-capture [part~="qr"]:not([role="img"])')
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {
      throw new Error('the QR code stayed an empty square for 10 s: the widget shows no code and no fallback');
    });
  // The widget focuses the result's title for screen readers; a focus ring is not part of the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator('pave-capture').evaluate((widget) => {
    const root = widget.shadowRoot;
    (root?.activeElement as HTMLElement | null)?.blur();
  });
}

async function take(browser: Browser, base: string, shot: Shot, controls: ReturnType<typeof sandboxControls>): Promise<void> {
  const context = await browser.newContext(CONTEXTS[shot.device]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // The failing shot's 502 is the point of it; anything else red in the console spoils the picture.
    if (message.type() === 'error' && !(shot.paveFails && message.text().startsWith('Failed to load resource'))) problems.push(message.text());
  });
  try {
    await page.goto(`${base}/`);
    await page.evaluate(async () => {
      await customElements.whenDefined('pave-capture');
      window.__shotEvents = [];
      for (const type of ['pave-session-created', 'pave-session-status', 'pave-error']) {
        document.addEventListener(type, (event) => window.__shotEvents!.push({ type, detail: (event as CustomEvent).detail }));
      }
    });
    if (shot.delivery !== 'auto') await page.locator('#delivery').selectOption(shot.delivery);
    const widget = page.locator('pave-capture');
    await widget.locator('[part~="vin-input"]').fill(VIN);
    if (shot.delivery === 'sms') await widget.locator('[part~="phone-input"]').fill(PHONE);
    if (shot.paveFails) await controls.failNext();
    try {
      await widget.locator('[part~="form"] [type="submit"]').click();
      if (shot.paveFails) await waitForEvent(page, 'pave-error');
    } finally {
      if (shot.paveFails) await controls.clearFaults();
    }

    if (!shot.paveFails) {
      const { session_key: key } = await waitForEvent(page, 'pave-session-created');
      for (const status of shot.statuses ?? []) {
        await controls.setStatus(key!, status);
        await waitForEvent(page, 'pave-session-status', (detail) => detail.status === status, STATUS_WAIT_MS);
      }
    }
    await settle(page);
    const path = join(ROOT, 'docs', shot.file);
    if (shot.device === 'phone') {
      await widget.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path, animations: 'disabled' });
    } else {
      await widget.screenshot({ path, scale: 'css', animations: 'disabled' });
    }
    if (problems.length) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
    console.log(`  docs/${shot.file}  ${(statSync(path).size / 1000).toFixed(1)} KB`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('no Chromium: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  const running = await demo();
  let browser: Browser | undefined;
  try {
    const controls = sandboxControls(running.base);
    await controls.ready();
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    console.log(`Screenshots from ${running.base}:`);
    for (const shot of SHOTS) {
      await take(browser, running.base, shot, controls).catch((error: Error) => {
        throw new Error(`docs/${shot.file}: ${error.message}`);
      });
    }
  } finally {
    await browser?.close();
    await running.stop();
  }
}

// A failed shot is one readable line (Playwright's own messages included), not a stack trace.
main().catch((error: unknown) => {
  console.error(`npm run screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
