/**
 * Figure 4 — click to link: in Chromium, against the local demo stack (dealer page, signer, PAVE
 * sandbox — `demo/start.ts` on ports of its own), milliseconds, on a phone, from the click on "Continue"
 * to the frame that shows the capture link, over repeated runs after warm-up. Timed in the page's own
 * clock (the click event's timestamp → the first animation frame after `pave-session-created`), so
 * the test driver's round trips stay out of the figure; the driver still waits for the link by its
 * role before a run counts. Baseline: one page → signer round trip through the same proxy.
 */
import { join } from 'node:path';
import { chromium, devices, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/system.mjs';
import { millis } from './format.ts';
import { freePort, startServer } from './processes.ts';
import { BENCH_VIN, widgetUi } from './selectors.ts';
import { summarize } from './stats.ts';
import type { FigureResult } from './table.ts';

export interface ClickToLinkOptions {
  root: string;
  runs: number;
  warmup: number;
}

interface PageTiming {
  clickAt: number;
  shownAt: number;
}

declare global {
  interface Window {
    __paveBench?: Promise<PageTiming>;
  }
}

export async function clickToLink(options: ClickToLinkOptions): Promise<FigureResult> {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('no Chromium: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH');

  const [demo, signer, sandbox] = [await freePort(), await freePort(), await freePort()];
  const stack = await startServer(process.execPath, ['--import', 'tsx', join(options.root, 'demo/start.ts')], {
    cwd: options.root,
    ready: /Dealer page:\s+http:\/\/localhost:(\d+)/,
    env: {
      ...process.env,
      DEMO_USE_SANDBOX: 'true',
      DEMO_PORT: String(demo),
      PORT: String(signer),
      SANDBOX_PORT: String(sandbox),
      // One browser from one IP creates every session: keep the limiter out of the figure.
      RATE_LIMIT_IP: '1000000',
      RATE_LIMIT_PHONE: '1000000',
      RATE_LIMIT_SITE: '1000000',
    },
  });
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    // A phone, where the link is the answer (a desktop gets a QR code for the phone instead).
    const { defaultBrowserType: _chromium, ...phone } = devices['Pixel 7']!;
    const page = await browser.newPage({ ...phone, baseURL: `http://127.0.0.1:${demo}` });
    // Each run is a new customer: the widget would otherwise resume the last run's session.
    await page.addInitScript(() => localStorage.clear());
    // Alternating, run by run (the order swapped every pair): the page as shipped, and the same page with the hand-off module already
    // evaluated at load — as it was when the hand-off was part of the main file (the baseline).
    const clicks: number[] = [];
    const preloaded: number[] = [];
    const driver: number[] = [];
    for (let i = 0; i < options.warmup + options.runs; i++) {
      // Which goes first swaps every pair, so neither side always runs on the warmer page.
      const first = i % 2 === 0 ? 'shipped' : 'preloaded';
      const one = await oneRun(page, first);
      const other = await oneRun(page, first === 'shipped' ? 'preloaded' : 'shipped');
      const [shipped, baseline] = first === 'shipped' ? [one, other] : [other, one];
      if (i < options.warmup) continue;
      clicks.push(shipped.pageMs);
      preloaded.push(baseline.pageMs);
      driver.push(shipped.driverMs);
    }
    const roundTrips = await page.evaluate(async () => {
      const samples: number[] = [];
      for (let i = 0; i < 25; i++) {
        const start = performance.now();
        await (await fetch('/signer/healthz', { cache: 'no-store' })).text();
        samples.push(performance.now() - start);
      }
      return samples.slice(5); // the first few open connections
    });

    const measured = summarize(clicks);
    const before = summarize(preloaded);
    const floor = summarize(roundTrips);
    const version = browser.version();
    return {
      id: 'click-to-link',
      title: 'Click to link',
      rows: [
        {
          label: 'Click to link (Chromium, demo + sandbox)',
          value: `${millis(measured.median)} median · ${millis(measured.max)} max of ${measured.count}`,
          reference: `hand-off in the page from the start (as before it moved on demand): ${millis(before.median)} median · ${millis(before.max)} max; shipped ÷ it ${(measured.median / before.median).toFixed(2)}; floor: page → signer round trip ${millis(floor.median)}`,
        },
      ],
      data: { unit: 'ms', clickToLink: measured, samples: clicks, handoffPreloaded: before, preloadedSamples: preloaded, driverSide: summarize(driver), roundTripFloor: floor, chromium: version },
      notes: [
        `Click to link: Chromium ${version} headless, ${options.warmup} warm-up + ${options.runs} runs, page reloaded each run; the page is the one-line embed (\`${EMBED_PAGE}\`: the script-tag build and the files it fetches beside it, as a dealer ships them), served by Vite's dev server proxying /signer, so the path is page → proxy → signer → sandbox over loopback HTTP. Baseline, alternating run by run: the same page with \`<script type="module" src="/pave-capture.handoff.js">\` added to its head, so the hand-off is evaluated at load, as it was inside the main file.`,
      ],
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}

/**
 * The dealer's one-line embed: the script-tag build (and the files it fetches beside it), as a dealer ships it.
 * The demo's main page would load the widget's source modules one by one from Vite's dev server instead.
 */
const EMBED_PAGE = '/strict-csp.html';

/** The page as shipped, or with the hand-off module loaded and evaluated with the page (a same-origin file: the CSP allows it). */
type Variant = 'shipped' | 'preloaded';

async function oneRun(page: Page, variant: Variant): Promise<{ pageMs: number; driverMs: number }> {
  if (variant === 'preloaded') {
    await page.route(`**${EMBED_PAGE}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('</head>', '<script type="module" src="/pave-capture.handoff.js"></script></head>');
      if (!body.includes('pave-capture.handoff.js')) throw new Error(`${EMBED_PAGE} has no </head> to add the hand-off to`);
      await route.fulfill({ response, body });
    });
  }
  await page.goto(EMBED_PAGE);
  // A route makes the browser stop every request for the driver (Fetch interception): gone before the click.
  await page.unrouteAll({ behavior: 'wait' });
  const widget = widgetUi.widget(page);
  await widgetUi.vinField(widget).fill(BENCH_VIN);
  await page.evaluate((eventName) => {
    window.__paveBench = new Promise((resolve) => {
      let clickAt = Number.NaN;
      // Capture phase on the document: the click is composed, so it arrives here first, shadow DOM or not.
      document.addEventListener('click', (event) => (clickAt = event.timeStamp), { capture: true, once: true });
      document.addEventListener(eventName, () => requestAnimationFrame(() => resolve({ clickAt, shownAt: performance.now() })), { once: true });
    });
  }, widgetUi.createdEvent);
  const start = performance.now();
  await widgetUi.submitButton(widget).click();
  await widgetUi.captureLink(widget).waitFor({ state: 'visible', timeout: 10_000 });
  const driverMs = performance.now() - start;
  const timing = await page.evaluate(() => window.__paveBench!);
  if (!Number.isFinite(timing.clickAt)) throw new Error('the click on the submit button was not seen');
  return { pageMs: timing.shownAt - timing.clickAt, driverMs };
}
