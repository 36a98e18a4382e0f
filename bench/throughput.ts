/**
 * Figure 2 — signer throughput ratio. Requests per second of `POST /v1/sessions` through the real
 * signer (wired to a PAVE that answers instantly), divided by requests per second of a bare Hono app
 * answering a fixed JSON; both on @hono/node-server, each in its own process, loaded by the same tool
 * (another process) over loopback with the same request, in the same run. Warm-up first, then
 * alternating runs (bare, signer, signer, bare, …) so drift on a shared machine hits both alike; the
 * figure is the ratio of the medians.
 */
import { join } from 'node:path';
import { perSecond } from './format.ts';
import { chooseLoadTool, runLoad, type LoadResult, type LoadSpec, type LoadTool } from './load.ts';
import { startServer, type Server } from './processes.ts';
import { median } from './stats.ts';
import { LINK_REQUEST, REQUEST_HEADERS } from './subjects.ts';
import type { FigureResult } from './table.ts';

export const GOAL_RATIO = 0.8;

export interface ThroughputOptions {
  root: string;
  workDir: string;
  /** Measured runs per subject. */
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

type Subject = 'bare' | 'signer';

export async function throughput(options: ThroughputOptions): Promise<FigureResult> {
  const tool = chooseLoadTool();
  const servers: Partial<Record<Subject, Server>> = {};
  try {
    for (const subject of ['bare', 'signer'] as const) {
      servers[subject] = await startServer(process.execPath, ['--import', 'tsx', join(options.root, 'bench/serve.ts'), subject], {
        cwd: options.root,
      });
    }
    const url = (subject: Subject) => `http://127.0.0.1:${servers[subject]!.port}/v1/sessions`;
    for (const subject of ['bare', 'signer'] as const) await preflight(url(subject));

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
    for (const subject of ['bare', 'signer'] as const) await checked(tool, spec(subject, options.warmupSeconds), options.workDir);

    const runs: Record<Subject, LoadResult[]> = { bare: [], signer: [] };
    for (let round = 0; round < options.rounds; round++) {
      const order: Subject[] = round % 2 === 0 ? ['bare', 'signer'] : ['signer', 'bare'];
      for (const subject of order) runs[subject].push(await checked(tool, spec(subject, options.seconds), options.workDir));
    }

    const bare = median(runs.bare.map((r) => r.rps));
    const signer = median(runs.signer.map((r) => r.rps));
    const ratio = signer / bare;
    const toolName = `${tool.name} ${tool.version}`;
    return {
      id: 'throughput',
      title: 'Signer throughput ratio',
      rows: [
        {
          label: 'Signer throughput ÷ bare Hono',
          value: `${ratio.toFixed(2)} (${perSecond(signer)} ÷ ${perSecond(bare)})`,
          reference: `goal ≥ ${GOAL_RATIO}: ${ratio >= GOAL_RATIO ? 'met' : 'NOT MET'}`,
        },
        { label: '  signer, POST /v1/sessions (link + VIN)', value: perSecond(signer), reference: `median of ${options.rounds} × ${options.seconds} s` },
        { label: '  bare Hono, fixed JSON, same request', value: perSecond(bare), reference: `baseline, same run, ${toolName}` },
      ],
      data: {
        ratio,
        goal: GOAL_RATIO,
        signerRps: signer,
        bareRps: bare,
        tool,
        connections: options.connections,
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
        runs,
      },
      notes: [
        `Throughput: ${toolName}, ${options.connections} connections, 1 load thread, ${options.rounds} alternating runs of ${options.seconds} s per subject after ${options.warmupSeconds} s warm-up each; loopback; a fresh Idempotency-Key per request (as the widget sends), so each one is a new session, never a replay; the signer's rate limits set high enough that the limiter never refuses.`,
      ],
    };
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}

/** One request before any load: the subject must answer the contract's 201, or the figure would measure errors. */
async function preflight(url: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: REQUEST_HEADERS, body: JSON.stringify(LINK_REQUEST) });
  const body = (await response.json().catch(() => undefined)) as { session_key?: string; ticket?: string } | undefined;
  if (response.status !== 201 || !body?.session_key || !body.ticket) {
    throw new Error(`${url} answered ${response.status} ${JSON.stringify(body)} instead of a 201 session`);
  }
}

async function checked(tool: LoadTool, spec: LoadSpec, workDir: string): Promise<LoadResult> {
  const result = await runLoad(tool, spec, workDir);
  if (result.non2xx > 0 || result.errors > 0 || result.requests === 0) {
    throw new Error(`${spec.url}: ${result.non2xx} non-2xx answers and ${result.errors} socket errors in ${result.requests} requests`);
  }
  return result;
}
