/**
 * Child processes for the bench: run a command to completion, or start a server that prints
 * `listening <port>` and stop it again. Every child is bounded in time and stopped by its own id.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

/** Every child still running, so an interrupted bench leaves no server behind. */
const live = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Kills the children still running (synchronously, so it works from an `exit` handler). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (or kills it after `timeoutMs`) and collects its output. */
export function run(command: string, args: string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  const { timeoutMs = 120_000, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions }));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Server {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions extends SpawnOptions {
  timeoutMs?: number;
  /** Matches the output line that says the server is ready; its first group is the port. */
  ready?: RegExp;
}

/**
 * Starts a server process that prints `listening <port>` (or what `ready` matches) once it accepts connections.
 * @example const server = await startServer(process.execPath, ['--import', 'tsx', 'bench/serve.ts', 'bare']);
 */
export function startServer(command: string, args: string[], options: StartOptions = {}): Promise<Server> {
  const { timeoutMs = 60_000, ready = /listening (\d+)/, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions }));
    let output = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}\n${output.trim()}`));
    };
    const timer = setTimeout(() => fail(`${args.at(-1) ?? command} did not start within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.stdout?.resume(); // keep draining, so a chatty server never blocks on a full pipe
      resolve({ port: Number(match[1]), child, stop: () => stop(child) });
    };
    const onExit = (code: number | null) => fail(`${args.at(-1) ?? command} exited with code ${code}`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', (error) => fail(error.message));
    child.on('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL after two seconds; resolves once the process is gone. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for children that need a fixed port number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
