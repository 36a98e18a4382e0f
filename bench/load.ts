/**
 * The load generator for the throughput figure, always a process of its own: `wrk` (Debian), which
 * stays far from saturation on two cores; installed with apt when missing and allowed (root on Debian);
 * otherwise autocannon from npm — slower, so its ratios are flatter, and the table says which ran.
 * Set BENCH_LOAD_TOOL=wrk|autocannon to choose.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { aptInstall } from '../scripts/system.mjs';
import { run } from './processes.ts';

export type LoadTool = { name: 'wrk'; version: string } | { name: 'autocannon'; version: string };


export interface LoadSpec {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** A header sent with a fresh value on every request (the widget's `Idempotency-Key`). */
  uniqueHeader?: string;
  durationSeconds: number;
  connections: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  /** Answers other than 2xx/3xx: any of these makes the run useless as a figure. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export function chooseLoadTool(env: NodeJS.ProcessEnv = process.env): LoadTool {
  const wanted = env.BENCH_LOAD_TOOL;
  if (wanted !== 'autocannon') {
    if (!hasWrk() && wanted !== 'wrk') aptInstall('wrk');
    if (hasWrk()) return { name: 'wrk', version: wrkVersion() };
    if (wanted === 'wrk') throw new Error('BENCH_LOAD_TOOL=wrk, but wrk is not installed (Debian: apt-get install wrk).');
  }
  return { name: 'autocannon', version: autocannonVersion() };
}

function autocannonVersion(): string {
  const manifest = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('autocannon/package.json')), 'utf8')) as { version: string };
  return manifest.version;
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['-v']).error === undefined;
}

function wrkVersion(): string {
  const out = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  return /wrk\s+(\S+)/.exec(`${out.stdout}${out.stderr}`)?.[1] ?? 'unknown';
}

/** Runs one bounded load against `spec.url` and parses the tool's summary. */
export async function runLoad(tool: LoadTool, spec: LoadSpec, workDir: string): Promise<LoadResult> {
  return tool.name === 'wrk' ? runWrk(spec, workDir) : runAutocannon(spec);
}

async function runWrk(spec: LoadSpec, workDir: string): Promise<LoadResult> {
  const script = join(workDir, 'wrk-request.lua');
  writeFileSync(script, wrkScript(spec));
  const { code, stdout, stderr } = await run(
    'wrk',
    ['-t1', `-c${spec.connections}`, `-d${spec.durationSeconds}s`, '--timeout', '5s', '-s', script, spec.url],
    { timeoutMs: (spec.durationSeconds + 30) * 1000 },
  );
  if (code !== 0) throw new Error(`wrk failed (${code}): ${stderr || stdout}`);
  return parseWrk(stdout);
}

/** wrk's Lua hook for a POST with headers and a body (wrk cannot send a body from its command line). */
export function wrkScript(spec: Pick<LoadSpec, 'method' | 'headers' | 'body' | 'uniqueHeader'>): string {
  const lua = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const unique = spec.uniqueHeader
    ? [
        // A counter behind a prefix fresh for each run: every request carries a value never sent before.
        `local prefix = ${lua(crypto.randomUUID())}`,
        'local count = 0',
        'request = function()',
        '  count = count + 1',
        `  wrk.headers[${lua(spec.uniqueHeader)}] = "bench-" .. prefix .. "-" .. count`,
        '  return wrk.format()',
        'end',
      ]
    : [];
  return [
    `wrk.method = ${lua(spec.method)}`,
    `wrk.body = ${lua(spec.body)}`,
    ...Object.entries(spec.headers).map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`),
    ...unique,
    '',
  ].join('\n');
}

/**
 * Reads wrk's summary.
 * @example parseWrk('  1000 requests in 2.00s, 1.00MB read\nRequests/sec:    500.00\n').rps // 500
 */
export function parseWrk(output: string): LoadResult {
  const totals = /(\d+) requests in ([\d.]+)(m?s|m),/.exec(output);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!totals || !rate) throw new Error(`could not read wrk's output:\n${output}`);
  const unit = totals[3]!;
  const seconds = Number(totals[2]) * (unit === 'ms' ? 0.001 : unit === 'm' ? 60 : 1);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  return { requests: Number(totals[1]), seconds, rps: Number(rate[1]), non2xx, errors };
}

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const cli = autocannonCli();
  const headers = Object.entries(spec.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  // `-I` replaces `[<id>]` with a fresh id on every request.
  if (spec.uniqueHeader) headers.push('-H', `${spec.uniqueHeader}=bench-[<id>]`, '-I');
  const { code, stdout, stderr } = await run(
    process.execPath,
    [cli, '--json', '-c', String(spec.connections), '-d', String(spec.durationSeconds), '-t', '5',
      '-m', spec.method, ...headers, '-b', spec.body, spec.url],
    { timeoutMs: (spec.durationSeconds + 30) * 1000 },
  );
  if (code !== 0) throw new Error(`autocannon failed (${code}): ${stderr || stdout}`);
  return parseAutocannon(stdout);
}

/** The project's own autocannon (a devDependency, also behind `npm run load`). */
function autocannonCli(): string {
  return fileURLToPath(import.meta.resolve('autocannon/autocannon.js'));
}

/** Reads autocannon's `--json` result. */
export function parseAutocannon(output: string): LoadResult {
  const json = JSON.parse(output.slice(output.indexOf('{'))) as {
    duration: number;
    requests: { total: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  const seconds = json.duration;
  return {
    requests: json.requests.total,
    seconds,
    rps: json.requests.total / seconds,
    non2xx: json.non2xx,
    errors: json.errors + json.timeouts,
  };
}
