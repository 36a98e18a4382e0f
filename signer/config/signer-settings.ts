/**
 * The signer-wide settings: one value for the whole process, whatever its sites — which proxies to believe,
 * whether `http://` may leave loopback, the metrics token, and the Node server's timeouts. Declared once,
 * read with the same rules (and the same one-line problems) as the per-site table in `settings.ts`.
 * Pure: no `process`, no `node:`.
 * @see ../../docs/design.md "Signer-wide settings"
 */
import { flag, integer, list, parseSettings, setting, settingProblems, text, type Check, type Env } from './settings.ts';
import { parseProxyRange } from '../http/proxy-ranges.ts';

const proxyRange: Check<string> = (raw) => {
  if (typeof raw !== 'string') return { problem: 'must be text.' };
  const result = parseProxyRange(raw);
  return 'problem' in result ? { problem: result.problem } : { value: raw };
};

/** A bearer token a scraper sends: long enough not to be guessed, and printable so it fits a header. */
const token: Check<string> = (raw) => {
  const checked = text(256)(raw);
  if ('problem' in checked) return checked;
  return /^[\x21-\x7e]{16,}$/.test(checked.value) ? checked : { problem: 'must be at least 16 printable characters without spaces (e.g. the output of `openssl rand -hex 32`).' };
};

/**
 * The table. Defaults of the server's timeouts cut a client that trickles its request within 20 s (the
 * headers within 10, the whole request within 15), where Node would wait 60 s and 5 minutes.
 */
const SIGNER_SETTINGS = {
  TRUSTED_PROXIES: setting(list(proxyRange, 'IP addresses or CIDR ranges such as 10.0.0.0/8'), [] as string[]),
  ALLOW_INSECURE_HTTP: setting(flag, false),
  METRICS_TOKEN: setting(token),
  SERVER_HEADERS_TIMEOUT_MS: setting(integer(1000, 120_000), 10_000),
  SERVER_REQUEST_TIMEOUT_MS: setting(integer(1000, 300_000), 15_000),
  SERVER_KEEPALIVE_TIMEOUT_MS: setting(integer(1000, 600_000), 5_000),
  SERVER_MAX_CONNECTIONS: setting(integer(1, 1_000_000), 1000),
};

/** The Node server's limits (`signer/node-server.ts`); Workers, Deno and Bun have their own. */
export interface ServerSettings {
  /** Whole headers within this, or `408` and the connection closed. */
  headersTimeoutMs: number;
  /** The whole request, body included, within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed as they arrive. */
  maxConnections: number;
}

export interface SignerSettings {
  /** IPs and CIDR ranges whose `X-Forwarded-For` is believed; empty: the header is ignored. */
  trustedProxies: readonly string[];
  /** `http://` accepted for hosts other than loopback (`ALLOW_INSECURE_HTTP=true`). */
  allowInsecureHttp: boolean;
  /** `/metrics` is served (Node) to `Authorization: Bearer <this>`; off when unset. */
  metricsToken: string | undefined;
  server: ServerSettings;
}

/** Settings that no longer exist, each with the one line that says what replaced it. */
const RETIRED: Record<string, string> = {
  TRUST_PROXY:
    'TRUST_PROXY is retired: remove it, and list the addresses of your own proxies in TRUSTED_PROXIES (IPs or CIDR ranges, e.g. TRUSTED_PROXIES=10.0.0.0/8) for X-Forwarded-For to be read.',
};

/**
 * The retired settings the environment still sets: one line each, e.g. for `TRUST_PROXY=true`.
 * @example retiredSettings({ TRUST_PROXY: 'true' }) // ['TRUST_PROXY is retired: … TRUSTED_PROXIES …']
 */
export function retiredSettings(env: Env): string[] {
  return Object.entries(RETIRED)
    .filter(([name]) => env[name] !== undefined && env[name]!.trim() !== '')
    .map(([, line]) => line);
}

/**
 * @example readSignerSettings({ TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::1' }) // { ok: true, settings: { trustedProxies: ['10.0.0.0/8', '2001:db8::1'], … } }
 */
export function readSignerSettings(env: Env): { ok: true; settings: SignerSettings } | { ok: false; problems: string[] } {
  const parsed = parseSettings(SIGNER_SETTINGS, env);
  if (!parsed.ok) return { ok: false, problems: settingProblems(parsed.issues, env) };
  const s = parsed.settings;
  // Node refuses a server whose headers may take longer than the whole request.
  if (s.SERVER_HEADERS_TIMEOUT_MS > s.SERVER_REQUEST_TIMEOUT_MS) {
    return { ok: false, problems: [`SERVER_HEADERS_TIMEOUT_MS must not be more than SERVER_REQUEST_TIMEOUT_MS (got ${s.SERVER_HEADERS_TIMEOUT_MS} and ${s.SERVER_REQUEST_TIMEOUT_MS}).`] };
  }
  return {
    ok: true,
    settings: {
      trustedProxies: s.TRUSTED_PROXIES,
      allowInsecureHttp: s.ALLOW_INSECURE_HTTP,
      metricsToken: s.METRICS_TOKEN,
      server: {
        headersTimeoutMs: s.SERVER_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: s.SERVER_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: s.SERVER_KEEPALIVE_TIMEOUT_MS,
        maxConnections: s.SERVER_MAX_CONNECTIONS,
      },
    },
  };
}
