/**
 * `npm run bench:profile`: where the signer's CPU time goes under load. Starts the PAVE stand-in and
 * `signer/node.ts` under `node --cpu-prof`, loads the signer with wrk (or autocannon) as the throughput
 * figure does, stops it cleanly so V8 writes the profile, and prints the heaviest frames (self time) and
 * the self time per package or file. The profile stays in `.bench/profiles/` for Chrome DevTools.
 *
 *   npm run bench:profile                 10 s of load after 3 s warm-up (only those 10 s are counted)
 *   npm run bench:profile -- --seconds=20
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { selfByGroup, topFrames, type CpuProfile, type Frame } from './cpu-profile.ts';
import { micros, percent } from './format.ts';
import { chooseLoadTool, runLoad } from './load.ts';
import { killAll, startServer } from './processes.ts';
import { benchEnv, LINK_REQUEST, REQUEST_HEADERS } from './subjects.ts';

const root = resolve(import.meta.dirname, '..');
const workDir = join(root, '.bench', 'work');
const profileDir = join(root, '.bench', 'profiles');
const seconds = Number(process.argv.find((arg) => arg.startsWith('--seconds='))?.slice('--seconds='.length) ?? 10);

process.on('exit', killAll);
mkdirSync(workDir, { recursive: true });
mkdirSync(profileDir, { recursive: true });

const tool = chooseLoadTool();
const standIn = await startServer(process.execPath, ['--import', 'tsx', join(root, 'bench/pave-stand-in.ts')], { cwd: root });
const started = Date.now();
// V8 writes the profile on a normal exit only: the signer has no SIGTERM handler, so one is preloaded.
const exitOnTerm = `data:text/javascript,${encodeURIComponent("process.on('SIGTERM', () => process.exit(0));")}`;
const signer = await startServer(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-dir', profileDir, '--import', exitOnTerm, '--import', 'tsx', join(root, 'signer/node.ts')],
  {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', ...benchEnv, PAVE_API_URL: `http://127.0.0.1:${standIn.port}`, PORT: '0', HOST: '127.0.0.1' },
    ready: /signer on http:\/\/localhost:(\d+)/,
  },
);
const spec = (duration: number) => ({
  url: `http://127.0.0.1:${signer.port}/v1/sessions`,
  method: 'POST' as const,
  headers: { ...REQUEST_HEADERS },
  body: JSON.stringify(LINK_REQUEST),
  uniqueHeader: 'Idempotency-Key',
  durationSeconds: duration,
  connections: 32,
});
await runLoad(tool, spec(3), workDir);
// The profile's clock is the machine's monotonic one, as process.hrtime's: keep the measured load only.
const now = () => Number(process.hrtime.bigint() / 1000n);
const window = { from: now() };
const load = await runLoad(tool, spec(seconds), workDir);
Object.assign(window, { to: now() });
await signer.stop();
await standIn.stop();

const written = readdirSync(profileDir)
  // One file per thread (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`): the main thread is 0; tsx's loader runs in another.
  .filter((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name))
  .map((name) => join(profileDir, name))
  .filter((path) => statSync(path).mtimeMs >= started)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!written) {
  console.error('the signer wrote no profile');
  process.exit(1);
}
const profile = JSON.parse(readFileSync(written, 'utf8')) as CpuProfile;
const line = (frame: Frame) => `${percent(frame.share).padStart(4)}  ${micros(frame.selfMicros).padStart(9)}  ${frame.frame}`;
console.log(`signer under ${tool.name}, 32 connections, ${seconds} s after 3 s warm-up: ${Math.round(load.rps)} req/s; 1-minute load average ${loadavg()[0]!.toFixed(2)}`);
console.log(`\nTop frames by self time, during the measured load (share of busy samples):\n${topFrames(profile, 25, { window }).map(line).join('\n')}`);
console.log(`\nSelf time by package or file:\n${selfByGroup(profile, 15, window).map(line).join('\n')}`);
console.log(`\nProfile: ${relative(root, written)} (open it in Chrome DevTools → Performance)`);
