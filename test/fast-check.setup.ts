/**
 * Replays a fast-check failure as CI printed it — seed and path, one test at a time (a path belongs to one property):
 * `FC_SEED=144132517 FC_PATH="872:1:1" npx vitest run test/signer/http/proxy-ranges.test.ts -t "matches the same"`.
 * Without them every run draws new cases, which is how the rare ones are found.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed) fc.configureGlobal({ seed: Number(seed), path: process.env.FC_PATH || undefined, endOnFailure: true });
