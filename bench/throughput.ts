/**
 * Figure 2 — signer throughput, measured fairly. Every subject answers `POST /v1/sessions` on the same
 * server stack, in a process of its own, loaded by the same tool (another process) over loopback, and
 * every subject but the bare one makes a real HTTP call to the PAVE stand-in (a process of its own too):
 *
 * - **signer**: `signer/node.ts`, started as `npm run signer` starts it (origin check, body limit,
 *   validation, site rules, idempotency, limits, payload, HMAC signing, PAVE client, ticket, request log);
 * - **minimal signer** — the baseline: Hono reading the JSON body and making one `fetch` upstream;
 * - **Express from PAVE's docs**: what a dealer would write from PAVE's documentation;
 * - **bare Hono**: a fixed JSON, no body read, no upstream — the server stack alone, for reference.
 *
 * Warm-up first, then rounds in which every subject runs once, the order rotating from round to round
 * so drift on a shared machine hits all alike; figures are medians. Besides requests per second, the
 * CPU time each process spent per request (`/proc`), which other load on the machine disturbs far less.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { cpuSeconds } from './cpu.ts';
import { micros, perSecond } from './format.ts';
import { chooseLoadTool, runLoad, type LoadResult, type LoadSpec, type LoadTool } from './load.ts';
import { startServer, type Server } from './processes.ts';
import { median } from './stats.ts';
import { benchEnv, LINK_REQUEST, REQUEST_HEADERS } from './subjects.ts';
import type { FigureResult } from './table.ts';

/** Signer ÷ minimal signer: the issue's bar, and its goal. */
export const GOAL_RATIO = 0.8;
export const AIM_RATIO = 1.0;

export interface ThroughputOptions {
  root: string;
  workDir: string;
  /** Measured runs per subject. */
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

export const SUBJECTS = ['signer', 'minimal', 'express', 'bare'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** One measured run of one subject. */
export interface SubjectRun extends LoadResult {
  /** CPU µs the subject's process spent per request; `undefined` without `/proc`. */
  cpuMicros?: number;
  /** CPU µs the PAVE stand-in spent per request of this run. */
  upstreamCpuMicros?: number;
  /** Creates the stand-in answered during the run. */
  upstreamCalls: number;
}

/**
 * The order of the subjects in round `round`: rotated by one each round, so each subject is first,
 * second, … equally often and none always follows the same neighbour's load.
 * @example roundOrder(1, ['a', 'b', 'c']) // ['b', 'c', 'a']
 */
export function roundOrder<T>(round: number, subjects: readonly T[]): T[] {
  const shift = round % subjects.length;
  return [...subjects.slice(shift), ...subjects.slice(0, shift)];
}

export async function throughput(options: ThroughputOptions): Promise<FigureResult> {
  const tool = chooseLoadTool();
  mkdirSync(options.workDir, { recursive: true });
  const loadBefore = loadavg()[0]!;
  const processes: Server[] = [];
  try {
    const standIn = await startServer(process.execPath, ['--import', 'tsx', join(options.root, 'bench/pave-stand-in.ts')], { cwd: options.root });
    processes.push(standIn);
    const upstream = `http://127.0.0.1:${standIn.port}`;
    const servers = {} as Record<Subject, Server>;
    for (const subject of SUBJECTS) {
      servers[subject] = await startSubject(subject, options, upstream);
      processes.push(servers[subject]);
    }
    const url = (subject: Subject) => `http://127.0.0.1:${servers[subject].port}/v1/sessions`;
    for (const subject of SUBJECTS) await preflight(subject, url(subject));

    const spec = (subject: Subject, seconds: number): LoadSpec => ({
      url: url(subject),
      method: 'POST',
      headers: { ...REQUEST_HEADERS },
      body: JSON.stringify(LINK_REQUEST),
      // As the widget does: a fresh key per create, so every request is a new session (never a replay).
      uniqueHeader: 'Idempotency-Key',
      durationSeconds: seconds,
      connections: options.connections,
    });
    const measure = async (subject: Subject, seconds: number): Promise<SubjectRun> => {
      const calls = await upstreamCalls(upstream);
      const cpu = cpuSeconds(servers[subject].child.pid);
      const upstreamCpu = cpuSeconds(standIn.child.pid);
      const result = await checked(tool, spec(subject, seconds), options.workDir);
      const perRequest = (before: number | undefined, pid: number | undefined) => {
        const after = cpuSeconds(pid);
        return before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / result.requests;
      };
      const run: SubjectRun = {
        ...result,
        cpuMicros: perRequest(cpu, servers[subject].child.pid),
        upstreamCpuMicros: perRequest(upstreamCpu, standIn.child.pid),
        upstreamCalls: (await upstreamCalls(upstream)) - calls,
      };
      checkUpstreamCalls(subject, run, options.connections);
      return run;
    };

    for (const subject of SUBJECTS) await measure(subject, options.warmupSeconds);
    const runs: Record<Subject, SubjectRun[]> = { signer: [], minimal: [], express: [], bare: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (const subject of roundOrder(round, SUBJECTS)) runs[subject].push(await measure(subject, options.seconds));
    }
    return figure(runs, tool, options, { before: loadBefore, after: loadavg()[0]! });
  } finally {
    for (const server of processes) await server.stop();
  }
}

/** The signer as `npm run signer` runs it; the others through `bench/serve.ts`. */
function startSubject(subject: Subject, options: ThroughputOptions, upstream: string): Promise<Server> {
  if (subject === 'signer') {
    return startServer(process.execPath, ['--import', 'tsx', join(options.root, 'signer/node.ts')], {
      // Not the repository's folder: a developer's `.env` (real PAVE credentials, a REDIS_URL) stays out of it.
      cwd: options.workDir,
      // Only what the bench sets, so nothing of the caller's environment (REDIS_URL, PAVE_*) changes the subject.
      env: { PATH: process.env.PATH ?? '', ...benchEnv, PAVE_API_URL: upstream, PORT: '0', HOST: '127.0.0.1' },
      ready: /signer on http:\/\/localhost:(\d+)/,
    });
  }
  return startServer(process.execPath, ['--import', 'tsx', join(options.root, 'bench/serve.ts'), subject], {
    cwd: options.root,
    env: { PATH: process.env.PATH ?? '', BENCH_UPSTREAM: upstream },
  });
}

const LABELS: Record<Subject, string> = {
  signer: '  signer (signer/node.ts), POST /v1/sessions (link + VIN)',
  minimal: '  minimal signer: Hono, JSON body, one fetch upstream',
  express: '  Express from PAVE’s docs: express.json, HMAC sample, fetch',
  bare: '  bare Hono, fixed JSON, no body read, no upstream',
};

function figure(runs: Record<Subject, SubjectRun[]>, tool: LoadTool, options: ThroughputOptions, load: { before: number; after: number }): FigureResult {
  const rps = (subject: Subject) => median(runs[subject].map((run) => run.rps));
  const cpu = (subject: Subject) => {
    const samples = runs[subject].flatMap((run) => (run.cpuMicros === undefined ? [] : [run.cpuMicros]));
    return samples.length ? median(samples) : undefined;
  };
  const spread = (subject: Subject) => {
    const all = runs[subject].map((run) => run.rps);
    return `${perSecond(Math.min(...all)).replace(' req/s', '')}–${perSecond(Math.max(...all))}`;
  };
  const cell = (subject: Subject) => `${perSecond(rps(subject))}${cpu(subject) === undefined ? '' : ` · ${micros(cpu(subject)!)} CPU/req`}`;
  const ratio = rps('signer') / rps('minimal');
  const verdict = ratio >= AIM_RATIO ? 'met, and the aim' : ratio >= GOAL_RATIO ? `met (aim ≥ ${AIM_RATIO.toFixed(1)}: not yet)` : 'NOT MET';
  const cpuRatio = cpu('signer') !== undefined && cpu('minimal') !== undefined ? cpu('minimal')! / cpu('signer')! : undefined;
  const upstreamCpu = median(SUBJECTS.filter((s) => s !== 'bare').flatMap((s) => runs[s].flatMap((run) => (run.upstreamCpuMicros === undefined ? [] : [run.upstreamCpuMicros]))));
  const toolName = `${tool.name} ${tool.version}`;
  return {
    id: 'throughput',
    title: 'Signer throughput ratio',
    rows: [
      {
        label: 'Signer ÷ minimal signer (HTTP upstream)',
        value: `${ratio.toFixed(2)} (${perSecond(rps('signer'))} ÷ ${perSecond(rps('minimal'))})`,
        reference: `goal ≥ ${GOAL_RATIO}, aim ≥ ${AIM_RATIO.toFixed(1)}: ${verdict}`,
      },
      ...(cpuRatio === undefined ? [] : [{ label: '  CPU per request, minimal ÷ signer', value: cpuRatio.toFixed(2), reference: `${micros(cpu('minimal')!)} ÷ ${micros(cpu('signer')!)}; > 1: the signer spends less` }]),
      { label: LABELS.signer, value: cell('signer'), reference: `median of ${options.rounds} × ${options.seconds} s (${spread('signer')})` },
      { label: LABELS.minimal, value: cell('minimal'), reference: `baseline, same run (${spread('minimal')})` },
      { label: LABELS.express, value: cell('express'), reference: `signer ÷ it: ${(rps('signer') / rps('express')).toFixed(2)} (${spread('express')})` },
      { label: LABELS.bare, value: cell('bare'), reference: `reference: the server stack alone (${spread('bare')})` },
      { label: '  PAVE stand-in (node:http, own process)', value: Number.isNaN(upstreamCpu) ? 'n/a' : `${micros(upstreamCpu)} CPU/req`, reference: `the same for every subject; ${toolName}, ${options.connections} connections` },
    ],
    data: {
      ratio,
      goal: GOAL_RATIO,
      aim: AIM_RATIO,
      cpuRatio,
      rps: Object.fromEntries(SUBJECTS.map((s) => [s, rps(s)])),
      cpuMicrosPerRequest: Object.fromEntries(SUBJECTS.map((s) => [s, cpu(s)])),
      upstreamCpuMicrosPerRequest: upstreamCpu,
      loadAverage: load,
      tool,
      connections: options.connections,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      runs,
    },
    notes: [
      `Throughput: ${toolName}, ${options.connections} connections, 1 load thread, ${options.rounds} rounds of ${options.seconds} s per subject (order rotating) after ${options.warmupSeconds} s warm-up each; loopback; each subject and the PAVE stand-in in a process of its own; a fresh Idempotency-Key per request (as the widget sends), so each one is a new session, never a replay; the signer's rate limits set high enough that the limiter never refuses. 1-minute load average ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after: other work on the machine lowers every subject's req/s; CPU/req is what each process itself spent.`,
    ],
  };
}

/** One request before any load: the subject must answer a 201 session, or the figure would measure errors. */
async function preflight(subject: Subject, url: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: REQUEST_HEADERS, body: JSON.stringify(LINK_REQUEST) });
  const body = (await response.json().catch(() => undefined)) as { session_key?: string; ticket?: string } | undefined;
  if (response.status !== 201 || !body?.session_key || (subject === 'signer' && !body.ticket)) {
    throw new Error(`${subject} (${url}) answered ${response.status} ${JSON.stringify(body)} instead of a 201 session`);
  }
}

/** The stand-in's count of creates once it stops moving: the last run's stragglers are counted in that run. */
async function upstreamCalls(upstream: string): Promise<number> {
  const read = async () => ((await (await fetch(`${upstream}/_calls`)).json()) as { calls: number }).calls;
  for (let last = await read(); ; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await read();
    if (now === last) return now;
    last = now;
  }
}

/**
 * Every subject but the bare one calls PAVE once per answer: a figure where it did not would compare
 * unlike things. Requests still in flight when the load stops (one or two per connection) may have reached
 * PAVE without their answer being counted.
 */
export function checkUpstreamCalls(subject: Subject, run: Pick<SubjectRun, 'requests' | 'upstreamCalls'>, connections: number): void {
  const expected = subject === 'bare' ? 0 : run.requests;
  const inFlight = subject === 'bare' ? 0 : Math.max(2 * connections, Math.ceil(run.requests * 0.01));
  if (run.upstreamCalls < expected || run.upstreamCalls > expected + inFlight) {
    throw new Error(`${subject}: ${run.upstreamCalls} PAVE calls for ${run.requests} answers (expected ${subject === 'bare' ? 'none' : 'one each'})`);
  }
}

async function checked(tool: LoadTool, spec: LoadSpec, workDir: string): Promise<LoadResult> {
  const result = await runLoad(tool, spec, workDir);
  if (result.non2xx > 0 || result.errors > 0 || result.requests === 0) {
    throw new Error(`${spec.url}: ${result.non2xx} non-2xx answers and ${result.errors} socket errors in ${result.requests} requests`);
  }
  return result;
}
