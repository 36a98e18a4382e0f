/**
 * The vitest setup `npm run mutation` runs for each mutant (see stryker.config.mjs): the node project only — the
 * mutated folders (contract/, signer/pave|policy|defences/, widget/core/) are all exercised from node tests — and
 * none of the tests that build the package, spawn runtimes or need Redis. Stryker's `related` mode narrows each run
 * to the test files that import the mutated file; per-test coverage narrows each mutant to the tests that reach it.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    name: 'mutation',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/**/*.browser.test.ts',
      'test/e2e/**',
      'test/runtime/**',
      'test/bench/**',
      'test/scripts/**',
      // These build the package, bundle the Workers entry or spawn the node entry: minutes, not milliseconds.
      'test/widget/build.test.ts',
      'test/signer/secrets.test.ts',
      'test/signer/node.test.ts',
      'test/boundaries.test.ts',
      // The fuzz needs ~1 000 requests to reach every code it checks for: ~40 s here, for every mutant it covers.
      // The example tests beside each file must kill mutants on their own; the fuzz runs in `npm test`.
      'test/signer/fuzz.test.ts',
      // Real sockets and the signer's 1.5 s upstream budget: under a mutation run's load these judge the machine.
      'test/signer/faults.test.ts',
      // Real Redis: `npm test` starts one, a mutant run does not. The memory stores cover the same contract.
      'test/signer/stores/**/redis.test.ts',
    ],
    maxWorkers: 1,
  },
});
