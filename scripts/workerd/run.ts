/**
 * Runs `workerd serve` on a config directory and reports the port of each socket (read from workerd's
 * control descriptor, so sockets can listen on port 0). The binary comes from the `workerd` npm package.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

/** The binary's path, from the platform package npm installed beside `workerd` (no install script needed). */
export const workerdBinary: string = createRequire(import.meta.url)('workerd').default;

export interface RunningWorkerd {
  /** Socket name → port. */
  ports: Record<string, number>;
  /** Everything workerd wrote to stderr so far (the Workers' `console.error` lines among it). */
  stderr(): string;
  /** Everything written to stdout so far (the Workers' request log lines). */
  stdout(): string;
  stop(): Promise<void>;
}

/**
 * @example const workerd = await runWorkerd({ dir, config: 'config.capnp', sockets: ['signer-a', 'signer-b'] });
 */
export async function runWorkerd(options: { dir: string; config: string; sockets: string[]; echo?: boolean }): Promise<RunningWorkerd> {
  const child = spawn(workerdBinary, ['serve', options.config, '--control-fd=3'], { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-200_000);
    if (options.echo) process.stdout.write(chunk);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-200_000);
    if (options.echo) process.stderr.write(chunk);
  });
  // Never outlive the process that started it, however that one ends.
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      done();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  };
  try {
    const ports = await listenPorts(child.stdio[3] as Readable, options.sockets, () => stderr);
    return { ports, stderr: () => stderr, stdout: () => stdout, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reads workerd's control messages (`{"event":"listen","socket":…,"port":…}`) until every socket listens. */
function listenPorts(control: Readable, names: string[], errors: () => string): Promise<Record<string, number>> {
  return new Promise((resolvePorts, reject) => {
    const found: Record<string, number> = {};
    let buffer = '';
    control.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, newline)) as { event?: string; socket?: string; port?: number };
        buffer = buffer.slice(newline + 1);
        if (message.event === 'listen' && message.socket && message.port) found[message.socket] = message.port;
      }
      if (names.every((name) => name in found)) resolvePorts(found);
    });
    control.on('end', () => reject(new Error(`workerd stopped before listening:\n${errors()}`)));
  });
}
