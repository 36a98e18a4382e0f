/**
 * The Workers entry as Cloudflare runs it, on this machine: signer/worker.ts bundled with esbuild (as
 * wrangler does), served by workerd — the open-source Workers runtime, from the `workerd` npm package —
 * as one isolate per service, every service bound as `SIGNER_STATE` to one `SignerState` namespace, and
 * the PAVE sandbox on a loopback port. Every port is ephemeral.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createSandbox, DEMO_ACCOUNT, type Sandbox } from '../../demo/sandbox/app.ts';
import type { SandboxAccount } from '../../demo/sandbox/verify.ts';
import { bundleWorker } from '../../scripts/workerd/bundle.ts';
import { workerdConfig, type Binding } from '../../scripts/workerd/config.ts';
import { runWorkerd, type RunningWorkerd } from '../../scripts/workerd/run.ts';

const root = resolve(import.meta.dirname, '../..');

export interface ServiceSpec {
  name: string;
  /** Text bindings (vars and secrets), besides the PAVE ones pointing at the sandbox when `pave` is left on. */
  env?: Record<string, string>;
  /** `SITES_JSON` as a JSON binding, like a JSON var in wrangler.toml. */
  sites?: unknown;
  /** Bound to the shared `SignerState` namespace (default true). */
  signerState?: boolean;
  /** The sandbox's URL and demo account as PAVE settings (default true). */
  pave?: boolean;
}

export interface WorkerdStack {
  sandbox: Sandbox;
  workerd: RunningWorkerd;
  /** `fetch` against one service (isolate). */
  call(service: string, path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * @example const stack = await startWorkerdStack([{ name: 'a' }, { name: 'b' }]); await stack.call('a', '/healthz');
 */
export async function startWorkerdStack(services: ServiceSpec[], options: { accounts?: SandboxAccount[] } = {}): Promise<WorkerdStack> {
  const dir = mkdtempSync(join(tmpdir(), 'signer-workerd-'));
  const sandbox = createSandbox({ accounts: options.accounts ?? [DEMO_ACCOUNT] });
  let server: ServerType | undefined;
  const sandboxPort = await new Promise<number>((resolvePort) => {
    server = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolvePort(info.port));
  });
  const closeSandbox = () => new Promise<void>((done) => (server ? server.close(() => done()) : done()));

  const bindingsOf = (service: ServiceSpec): Binding[] => {
    const env = {
      ...(service.pave === false
        ? {}
        : { PAVE_API_URL: `http://127.0.0.1:${sandboxPort}`, PAVE_USERNAME: DEMO_ACCOUNT.username, PAVE_API_KEY: DEMO_ACCOUNT.apiKey, PAVE_API_SECRET: DEMO_ACCOUNT.apiSecret }),
      ...service.env,
    };
    return [
      ...Object.entries(env).map(([name, text]) => ({ name, text })),
      ...(service.sites === undefined ? [] : [{ name: 'SITES_JSON', json: JSON.stringify(service.sites) }]),
      ...(service.signerState === false ? [] : [{ name: 'SIGNER_STATE', signerState: true as const }]),
    ];
  };

  try {
    writeFileSync(join(dir, 'worker.js'), await bundleWorker(join(root, 'signer/worker.ts')));
    writeFileSync(
      join(dir, 'config.capnp'),
      workerdConfig({
        module: 'worker.js',
        compatibilityDate: '2025-09-01',
        services: services.map((service) => ({ name: service.name, address: '127.0.0.1:0', bindings: bindingsOf(service) })),
        state: { inMemory: true },
        // Loopback only: the sandbox is the only PAVE these Workers may reach.
        allowNetwork: ['local'],
      }),
    );
    const workerd = await runWorkerd({ dir, config: 'config.capnp', sockets: services.map((service) => service.name) });
    return {
      sandbox,
      workerd,
      call: (service, path, init) => fetch(`http://127.0.0.1:${workerd.ports[service]}${path}`, init),
      async stop() {
        await workerd.stop();
        await closeSandbox();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeSandbox();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
