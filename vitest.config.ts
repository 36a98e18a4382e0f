/**
 * Two vitest projects, one run (`npx vitest run`, as `npm test` calls it):
 * - `node`: unit and HTTP tests (`test/**\/*.test.ts`), no DOM;
 * - `browser`: the element's own logic in a real Chromium (`test/**\/*.browser.test.ts`), through vitest's
 *   browser mode and its Playwright provider — Debian's Chromium by default (`$CHROMIUM_PATH` wins), with the
 *   flags the Playwright suite uses. Whole flows against the real signer stay in test/e2e (Playwright).
 */
import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS } from './scripts/system.mjs';

const BROWSER_TESTS = 'test/**/*.browser.test.ts';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  test: {
    root: import.meta.dirname,
    // Two cores here: keep the pool small so HTTP tests do not starve each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: [BROWSER_TESTS], environment: 'node', setupFiles: ['test/fast-check.setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER_TESTS],
          setupFiles: ['test/widget/pave-capture/setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath, args: [...CHROMIUM_ARGS] } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
