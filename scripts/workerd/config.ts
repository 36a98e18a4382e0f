/**
 * A workerd configuration (Cap'n Proto text) for the signer's Worker: one or more services running the
 * same bundle — each its own isolate, as Cloudflare runs a Worker in many — all bound as `SIGNER_STATE` to
 * one `SignerState` Durable Object namespace, hosted by a service of its own. What wrangler generates for
 * `wrangler dev`, written out so Node 20 can run it (wrangler needs Node 22).
 * @see https://github.com/cloudflare/workerd/blob/main/src/workerd/server/workerd.capnp
 */

/** A binding of one service: a text var or secret, a JSON var, or the `SignerState` namespace. */
export type Binding = { name: string; text: string } | { name: string; json: string } | { name: string; signerState: true };

export interface WorkerService {
  /** Service and socket name. */
  name: string;
  bindings: Binding[];
  /** Where its socket listens, e.g. `127.0.0.1:0` (any free port; workerd reports it on the control descriptor). */
  address: string;
}

export interface WorkerdConfigOptions {
  /** File name of the bundle, beside the config (embedded when workerd starts). */
  module: string;
  compatibilityDate: string;
  services: WorkerService[];
  /** Where `SignerState` keeps its storage: in memory (lost at exit) or in a directory (kept across runs). */
  state: { inMemory: true } | { directory: string };
  /** What the Workers may fetch: `local` (loopback and private addresses), `public` (the internet). */
  allowNetwork: ('local' | 'public')[];
}

/** The class and the namespace's unique key (workerd derives object ids from it). */
export const SIGNER_STATE_CLASS = 'SignerState';
const STATE_SERVICE = 'signer-state';

/** A JSON string literal is a valid Cap'n Proto text literal. */
const text = (value: string) => JSON.stringify(value);

function binding(entry: Binding): string {
  if ('signerState' in entry) return `(name = ${text(entry.name)}, durableObjectNamespace = (className = ${text(SIGNER_STATE_CLASS)}, serviceName = ${text(STATE_SERVICE)}))`;
  if ('json' in entry) return `(name = ${text(entry.name)}, json = ${text(entry.json)})`;
  return `(name = ${text(entry.name)}, text = ${text(entry.text)})`;
}

/**
 * @example writeFileSync('config.capnp', workerdConfig({ module: 'worker.js', compatibilityDate: '2025-09-01', services: [...], state: { inMemory: true }, allowNetwork: ['local'] }));
 */
export function workerdConfig(options: WorkerdConfigOptions): string {
  const worker = (bindings: string, extra = '') => `(
  modules = [(name = ${text(options.module)}, esModule = embed ${text(options.module)})],
  compatibilityDate = ${text(options.compatibilityDate)},
  globalOutbound = "outbound",
  bindings = [${bindings}],${extra}
)`;
  const storage = 'directory' in options.state ? '(localDisk = "state-disk")' : '(inMemory = void)';
  const stateWorker = worker('', `
  durableObjectNamespaces = [(className = ${text(SIGNER_STATE_CLASS)}, uniqueKey = "pave-capture-signer-state")],
  durableObjectStorage = ${storage},`);

  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
${options.services.map((service, index) => `    (name = ${text(service.name)}, worker = .service${index}),`).join('\n')}
    (name = ${text(STATE_SERVICE)}, worker = .state),
    (name = "outbound", network = (allow = [${options.allowNetwork.map(text).join(', ')}])),${
      'directory' in options.state ? `\n    (name = "state-disk", disk = (path = ${text(options.state.directory)}, writable = true)),` : ''
    }
  ],
  sockets = [
${options.services.map((service) => `    (name = ${text(service.name)}, address = ${text(service.address)}, http = (), service = ${text(service.name)}),`).join('\n')}
  ],
);

${options.services.map((service, index) => `const service${index} :Workerd.Worker = ${worker(service.bindings.map(binding).join(',\n    '))};`).join('\n\n')}

const state :Workerd.Worker = ${stateWorker};
`;
}
