/**
 * `npm start`: the PAVE sandbox, the signer and the demo dealer page, in one process, URLs printed.
 *
 * With PAVE credentials in the environment or `.env` (PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET) the
 * same signer talks to PAVE instead and no sandbox runs. `DEMO_USE_SANDBOX=true` forces the sandbox
 * (the browser tests use it so a developer's real credentials are never spent by a test run).
 * `PUBLIC_HOST` (this computer's address on the network) makes the QR code, the links and the return page
 * use an address a phone can open, and only then do the page and the sandbox listen beyond loopback.
 *
 * This file is the shell: the decisions are in start/ (plan, signer environment, ports, banner).
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ViteDevServer } from 'vite';
import { createApp } from '../signer/app.ts';
import { nodeHashing } from '../signer/node-hashing.ts';
import { ConfigError, loadConfig, type SignerConfig } from '../signer/config/environment.ts';
import type { SiteConfig } from '../signer/config/settings.ts';
import { createSandbox, DEMO_ACCOUNT } from './sandbox/app.ts';
import { startBanner } from './start/banner.ts';
import { demoPlan, DemoSettingsError, listeners, type DemoPlan, type Listener } from './start/plan.ts';
import { findPortProblems, portProblem, portsMessage, suggestPorts, type PortProblem } from './start/ports.ts';
import { demoSignerEnv } from './start/signer-env.ts';

/** A port that could not be bound after all (taken between the check and the listen). */
class PortsUnavailable extends Error {
  constructor(readonly problems: PortProblem[]) {
    super('ports unavailable');
  }
}

/** This computer's IPv4 addresses on its networks: what a phone could open. */
function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

const servers: ServerType[] = [];
let vite: ViteDevServer | undefined;

function listen(fetch: (request: Request) => Response | Promise<Response>, listener: Listener): Promise<void> {
  return new Promise((done, fail) => {
    const server = serve({ fetch, port: listener.port, hostname: listener.host }, () => done());
    servers.push(server);
    server.once('error', (error) => {
      const problem = portProblem(listener, error);
      fail(problem ? new PortsUnavailable([problem]) : error);
    });
  });
}

async function stopAll(): Promise<void> {
  await vite?.close();
  await Promise.all(
    servers.map((server) => {
      const closed = new Promise((done) => server.close(done));
      if ('closeAllConnections' in server) server.closeAllConnections();
      return closed;
    }),
  );
}

/** Starts the sandbox, the signer and the page, in that order; throws PortsUnavailable for a port it cannot bind. */
async function startAll(plan: DemoPlan, config: SignerConfig): Promise<void> {
  // Nothing starts unless every port is free: one line then, not a half-running demo.
  const problems = await findPortProblems(listeners(plan));
  if (problems.length) throw new PortsUnavailable(problems);

  if (plan.sandbox) {
    const base = plan.captureBaseUrl;
    const sandbox = createSandbox({ captureBaseUrl: base ? () => base : undefined });
    await listen(sandbox.app.fetch, plan.sandbox);
    // vite.config.ts reads these to proxy /signer and /sandbox.
    process.env.SANDBOX_PORT = String(plan.sandbox.port);
  }
  await listen(createApp({ config, clientIp: (c) => getConnInfo(c).remote.address, hashing: nodeHashing }).fetch, plan.signer);
  process.env.SIGNER_PORT = String(plan.signer.port);

  // Vite is the heaviest import: loaded only once the ports are known to be free, so a refusal is quick.
  const { createServer } = await import('vite');
  vite = await createServer({
    configFile: resolve(import.meta.dirname, '../vite.config.ts'),
    server: { port: plan.page.port, strictPort: true, host: plan.page.host, allowedHosts: plan.allowedHosts },
    logLevel: 'warn',
  });
  try {
    await vite.listen();
  } catch (error) {
    const problem = portProblem(plan.page, error);
    throw problem ? new PortsUnavailable([problem]) : error;
  }
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const addresses = networkAddresses();
  const plan = demoPlan(process.env, addresses);
  const config = loadConfig(demoSignerEnv(plan, process.env, DEMO_ACCOUNT));
  try {
    await startAll(plan, config);
  } catch (error) {
    if (!(error instanceof PortsUnavailable)) throw error;
    await stopAll();
    const taken = listeners(plan).map((listener) => listener.port);
    console.error(portsMessage(error.problems, await suggestPorts(error.problems, taken)));
    process.exit(1);
  }

  const [site] = [...config.sites.values()] as [SiteConfig];
  console.log(startBanner({ plan, paveBaseUrl: site.pave.baseUrl, addresses }).join('\n'));

  const stop = async () => {
    await stopAll();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(async (error: unknown) => {
  await stopAll().catch(() => undefined);
  console.error(error instanceof DemoSettingsError || error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
