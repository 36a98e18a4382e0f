/**
 * Are the demo's ports free? `npm start` asks before it starts anything, so a second `npm start` (or any
 * other server on 5173, 8787, 8788) gets one friendly line instead of a half-started demo and a raw
 * `EADDRINUSE` stack. `portsMessage` is pure; `findPortProblems` and `suggestPorts` probe with node:net.
 */
import { createServer } from 'node:net';
import type { Listener } from './plan.ts';

/** Why a port cannot be used: taken by another process, or below 1024 for a user who may not bind there. */
export type PortCode = 'EADDRINUSE' | 'EACCES';

export interface PortProblem {
  listener: Listener;
  code: PortCode;
}

/** A listen error as a port problem, or `undefined` for any other error (left to crash loudly). */
export function portProblem(listener: Listener, error: unknown): PortProblem | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Vite's strictPort refusal carries no code, only its message.
  if (code === 'EADDRINUSE' || (error instanceof Error && /is already in use/.test(error.message))) return { listener, code: 'EADDRINUSE' };
  if (code === 'EACCES') return { listener, code: 'EACCES' };
  return undefined;
}

/**
 * One line that names each port that cannot be used, why, and a command that would work.
 * @param suggestions a free port for each setting with a problem (`suggestPorts`), when one was found
 * @example portsMessage([{ listener: page, code: 'EADDRINUSE' }], new Map([['DEMO_PORT', 5174]]))
 * // 'npm start: port 5173 (dealer page, DEMO_PORT) is already in use — is the demo already running? Stop it, or start this one on free ports: DEMO_PORT=5174 npm start'
 */
export function portsMessage(problems: readonly PortProblem[], suggestions: ReadonlyMap<Listener['setting'], number>): string {
  const named = (group: PortProblem[]) =>
    `${group.length === 1 ? 'port' : 'ports'} ${list(group.map(({ listener }) => `${listener.port} (${listener.what}, ${listener.setting})`))}`;
  const busy = problems.filter((problem) => problem.code === 'EADDRINUSE');
  const denied = problems.filter((problem) => problem.code === 'EACCES');
  const sentences: string[] = [];
  if (busy.length) sentences.push(`${named(busy)} ${busy.length === 1 ? 'is' : 'are'} already in use — is the demo already running?`);
  if (denied.length) sentences.push(`${named(denied)} ${denied.length === 1 ? 'needs' : 'need'} privileges this user does not have.`);
  const settings = problems.map(({ listener }) => listener.setting);
  // The command ends the line, with no full stop to copy along with it.
  const fix = settings.every((setting) => suggestions.has(setting))
    ? `start this one on free ports: ${settings.map((setting) => `${setting}=${suggestions.get(setting)}`).join(' ')} npm start`
    : `set ${list(settings)} to ${settings.length === 1 ? 'a free port' : 'free ports'} above 1023.`;
  sentences.push(busy.length ? `Stop it, or ${fix}` : `${fix[0]!.toUpperCase()}${fix.slice(1)}`);
  return `npm start: ${sentences.join(' ')}`;
}

/** The listeners whose port cannot be bound right now, probed one by one and released at once. */
export async function findPortProblems(listeners: readonly Listener[]): Promise<PortProblem[]> {
  const problems: PortProblem[] = [];
  for (const listener of listeners) {
    const error = await probe(listener.port, listener.host);
    if (!error) continue;
    const problem = portProblem(listener, error);
    if (!problem) throw error;
    problems.push(problem);
  }
  return problems;
}

/**
 * A free port for each problem's setting: the next ones up from 1024 or the busy port, skipping the
 * demo's other ports and each other's picks. A setting with no free port in the next 100 is left out.
 */
export async function suggestPorts(problems: readonly PortProblem[], taken: readonly number[]): Promise<Map<Listener['setting'], number>> {
  const picked = new Map<Listener['setting'], number>();
  const avoid = new Set(taken);
  for (const { listener } of problems) {
    const from = Math.max(listener.port, 1023) + 1;
    for (let port = from; port < from + 100 && port <= 65535; port++) {
      if (avoid.has(port) || (await probe(port, listener.host))) continue;
      picked.set(listener.setting, port);
      avoid.add(port);
      break;
    }
  }
  return picked;
}

/** Binds `host:port` exclusively and lets go; resolves with the error if it could not. */
function probe(port: number, host: string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
