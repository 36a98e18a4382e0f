/**
 * Every property test's seed, to replay a failure as CI printed it: `FUZZ_SEED=144132517 npx vitest run <file>`
 * draws the same cases, so the same counterexample is found and shrunk again.
 * Without it every run draws new cases, which is how the rare ones are found.
 */
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED;
if (seed) fc.configureGlobal({ seed: Number(seed) });
