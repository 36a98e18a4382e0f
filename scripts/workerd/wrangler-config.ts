/**
 * What `wrangler dev` takes from a project, read the same way: `wrangler.toml` (entry, compatibility
 * date, `[vars]`, the Durable Object bindings) and the `.dev.vars` beside it (dotenv lines: local secrets
 * and overrides, never committed). The result is the bindings of one Worker service for `config.ts`.
 * @see https://developers.cloudflare.com/workers/wrangler/configuration/
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { parse } from 'smol-toml';
import { SIGNER_STATE_CLASS, type Binding } from './config.ts';

export interface WranglerProject {
  /** The Worker's entry, absolute. */
  main: string;
  compatibilityDate: string;
  bindings: Binding[];
  /** Whether `.dev.vars` was found (and read). */
  devVars: string | undefined;
  /** The project's folder: wrangler's `.wrangler/` goes here. */
  dir: string;
}

interface WranglerToml {
  main?: string;
  compatibility_date?: string;
  vars?: Record<string, unknown>;
  durable_objects?: { bindings?: { name: string; class_name: string; script_name?: string }[] };
}

/**
 * @example readWranglerProject('signer/wrangler.toml') // { main: '/repo/signer/worker.ts', bindings: [...], devVars: '/repo/signer/.dev.vars', ... }
 */
export function readWranglerProject(configPath: string): WranglerProject {
  const file = resolve(configPath);
  const dir = dirname(file);
  const toml = parse(readFileSync(file, 'utf8')) as WranglerToml;
  if (!toml.main) throw new Error(`${configPath}: no "main" (the Worker's entry).`);
  if (!toml.compatibility_date) throw new Error(`${configPath}: no "compatibility_date".`);

  const vars = new Map<string, Binding>();
  for (const [name, value] of Object.entries(toml.vars ?? {})) {
    vars.set(name, value !== null && typeof value === 'object' ? { name, json: JSON.stringify(value) } : { name, text: String(value) });
  }
  // As with wrangler: .dev.vars overrides [vars], and its values are text.
  const devVarsPath = join(dir, '.dev.vars');
  const devVars = existsSync(devVarsPath) ? devVarsPath : undefined;
  if (devVars) for (const [name, text] of Object.entries(parseEnv(readFileSync(devVars, 'utf8')))) if (text !== undefined) vars.set(name, { name, text });

  const objects: Binding[] = [];
  for (const binding of toml.durable_objects?.bindings ?? []) {
    if (binding.class_name !== SIGNER_STATE_CLASS || binding.script_name) throw new Error(`${configPath}: only the ${SIGNER_STATE_CLASS} class of this Worker can be bound locally (got ${binding.class_name}).`);
    objects.push({ name: binding.name, signerState: true });
  }
  return { main: resolve(dir, toml.main), compatibilityDate: toml.compatibility_date, bindings: [...vars.values(), ...objects], devVars, dir };
}
