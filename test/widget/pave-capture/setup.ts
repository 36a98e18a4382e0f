/**
 * Set up before each browser test file: Lit's one-off "dev mode" notice is not news, and any other
 * warning or error on the console fails the test that caused it (as in the Playwright suite).
 */
import { afterEach, beforeEach, expect, vi } from 'vitest';

(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings = new Set(['dev-mode']);

let noise: unknown[][] = [];
beforeEach(() => {
  noise = [];
  for (const level of ['warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void noise.push(args));
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(noise).toEqual([]);
});
