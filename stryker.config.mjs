// @ts-check
/**
 * `npm run mutation`: StrykerJS over the code where a bug costs most. Not part of `npm test` — it is long.
 *
 *   npm run mutation                                   # every folder below, incremental
 *   npm run mutation -- --mutate 'contract/**\/*.ts'    # one folder
 *   npm run mutation -- --force                        # ignore the incremental file, test every mutant
 *
 * Scores print per folder (the clear-text table) and land in .reports/mutation/ (HTML + JSON, git-ignored); the
 * incremental file there makes a re-run test only mutants whose code or tests changed. docs/mutation.md holds the
 * scores measured and the surviving mutants with the reason each is equivalent.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (schemas and tables built at import) are activated too late when a test filter is set, so the
  // vitest runner reports them Survived even when a test kills them (stryker-js#6144, #6209; checked here by
  // planting them by hand). Ignored, not counted, until that is fixed: docs/mutation.md lists how they were checked.
  ignoreStatic: true,
  mutate: [
    'contract/**/*.ts',
    'signer/pave/**/*.ts',
    'signer/policy/**/*.ts',
    'signer/defences/**/*.ts',
    'widget/core/**/*.ts',
  ],
  ignorePatterns: ['.stryker-tmp*', 'dist', 'widget/dist', 'coverage', '.reports', 'test-results', 'playwright-report', '.bench', '.scratch'],
  // Two cores here, shared: one test runner and one checker each.
  concurrency: 2,
  timeoutMS: 20000,
  timeoutFactor: 2.5,
  incremental: true,
  incrementalFile: '.reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: '.reports/mutation/index.html' },
  jsonReporter: { fileName: '.reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
