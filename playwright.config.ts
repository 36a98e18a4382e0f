/**
 * Browser tests in a real Chromium against the whole demo stack (sandbox + signer + dealer page), on
 * ports of their own so a running `npm start` does not interfere.
 * Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium (scripts/test.mjs finds or installs one).
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/** E2E_PORT_OFFSET lets two checkouts run their browser tests side by side. */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const ports = { demo: 5174 + offset, signer: 8797 + offset, sandbox: 8798 + offset };

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 20_000,
  use: {
    baseURL: `http://127.0.0.1:${ports.demo}`,
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'npx tsx demo/start.ts',
    url: `http://127.0.0.1:${ports.demo}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DEMO_USE_SANDBOX: 'true',
      DEMO_PORT: String(ports.demo),
      PORT: String(ports.signer),
      SANDBOX_PORT: String(ports.sandbox),
      // The browser tests text the same few numbers from one address many times a minute; the ceilings have
      // their own tests (test/signer/limits.test.ts, test/signer/limiter/), here they would only turn later tests into 429s.
      RATE_LIMIT_PHONE: '1000',
      RATE_LIMIT_IP: '1000',
      RATE_LIMIT_SITE: '1000',
    },
  },
});
