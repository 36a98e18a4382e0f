/**
 * Replays a fast-check failure as CI printed it: `FC_SEED=144132517 npx vitest run test/signer/http/proxy-ranges.test.ts`
 * draws the same cases, so the same counterexample is found and shrunk again.
 * Without it every run draws new cases, which is how the rare ones are found.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed) fc.configureGlobal({ seed: Number(seed) });
