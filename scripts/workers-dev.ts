/**
 * `npm run signer:workers` (`node --import tsx`: one process, so Ctrl-C and SIGTERM reach it and it stops
 * workerd before it exits): the Worker of `signer/wrangler.toml` served locally with its `SignerState`
 * Durable Object, the way `wrangler dev` serves it — but on the Node this repository runs (wrangler 4 needs
 * Node ≥ 22). It bundles the entry with esbuild as wrangler does, writes a workerd config of the toml's vars
 * overridden by `signer/.dev.vars` (local secrets: git-ignored, like `signer/.wrangler/`), and runs workerd
 * (the runtime wrangler runs inside). The Durable Object's storage is kept in `signer/.wrangler/state/`, so
 * counters and answers survive a restart. Edits under signer/ and contract/ rebuild and restart it.
 *
 *   npm run signer:workers [-- --port 8787] [--ip 127.0.0.1] [--config signer/wrangler.toml] [--no-watch]
 */
import { mkdirSync, watch, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorker } from './workerd/bundle.ts';
import { workerdConfig } from './workerd/config.ts';
import { runWorkerd, type RunningWorkerd } from './workerd/run.ts';
import { readWranglerProject } from './workerd/wrangler-config.ts';

const root = resolve(import.meta.dirname, '..');
const { values: options } = parseArgs({
  options: {
    config: { type: 'string', short: 'c', default: join(root, 'signer/wrangler.toml') },
    port: { type: 'string', default: '8787' },
    ip: { type: 'string', default: '127.0.0.1' },
    'no-watch': { type: 'boolean', default: false },
  },
});

const SOCKET = 'signer';

async function start(): Promise<RunningWorkerd> {
  const project = readWranglerProject(options.config);
  const work = join(project.dir, '.wrangler', 'tmp');
  const state = join(project.dir, '.wrangler', 'state', 'signer-state');
  mkdirSync(work, { recursive: true });
  mkdirSync(state, { recursive: true });
  writeFileSync(join(work, 'worker.js'), await bundleWorker(project.main));
  writeFileSync(
    join(work, 'config.capnp'),
    workerdConfig({
      module: 'worker.js',
      compatibilityDate: project.compatibilityDate,
      services: [{ name: SOCKET, address: `${options.ip}:${options.port}`, bindings: project.bindings }],
      state: { directory: state },
      // PAVE on the internet, or the sandbox on loopback.
      allowNetwork: ['public', 'local'],
    }),
  );
  const workerd = await runWorkerd({ dir: work, config: 'config.capnp', sockets: [SOCKET], echo: true });
  const shown = (path: string) => relative(process.cwd(), path) || '.';
  console.log(
    `pave-capture signer (Workers, in workerd) on http://${options.ip}:${workerd.ports[SOCKET]} — vars from ${shown(options.config)}` +
      `${project.devVars ? ` and ${shown(project.devVars)}` : ' (no .dev.vars)'}, SignerState storage in ${shown(state)}`,
  );
  return workerd;
}

let running = await start();
let restarting: Promise<void> | undefined;
const restart = () =>
  (restarting ??= (async () => {
    await running.stop();
    try {
      running = await start();
    } catch (error) {
      console.error(`Not restarted: ${error instanceof Error ? error.message : String(error)}`);
    }
    restarting = undefined;
  })());

if (!options['no-watch']) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  for (const folder of ['signer', 'contract']) {
    watch(join(root, folder), { recursive: true }, (_event, file) => {
      if (!file || file.includes('.wrangler') || !/\.(ts|json|toml)$|\.dev\.vars$/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void restart(), 200);
    });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
