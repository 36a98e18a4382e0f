/**
 * What `npm start` will do, decided from its settings before anything listens: which servers run, on
 * which ports and interfaces, and which addresses the QR code, the links and the redirect use.
 * Pure: demo/start.ts passes the environment and this computer's network addresses in.
 */
import { parsePublicHost, publicHostWarning } from './public-host.ts';

/** Loopback only: the default, so nothing of the demo is reachable from the network. */
export const LOOPBACK = '127.0.0.1';
/** Every interface: only with PUBLIC_HOST, so a phone can reach the page and the capture link. */
export const EVERY_INTERFACE = '0.0.0.0';

export type DemoEnv = Readonly<Record<string, string | undefined>>;

/** One server of the demo: the setting that names its port, what it is, and where it listens. */
export interface Listener {
  setting: 'DEMO_PORT' | 'PORT' | 'SANDBOX_PORT';
  what: string;
  port: number;
  host: typeof LOOPBACK | typeof EVERY_INTERFACE;
}

export interface DemoPlan {
  /** The local PAVE sandbox instead of real PAVE: no credentials, or DEMO_USE_SANDBOX=true. */
  useSandbox: boolean;
  page: Listener;
  signer: Listener;
  /** Only when the sandbox runs. */
  sandbox: Listener | undefined;
  /** PUBLIC_HOST as written in URLs (IPv6 in brackets), when set. */
  publicHost: string | undefined;
  /** The dealer page on this computer. */
  pageUrl: string;
  /** The dealer page from a phone, when PUBLIC_HOST is set. */
  phonePageUrl: string | undefined;
  /** The page origins the signer must allow: this computer's names, and PUBLIC_HOST's. */
  pageOrigins: string[];
  /** Where the capture ends (the signer's PAVE_REDIRECT_URL unless the developer set one). */
  redirectUrl: string;
  /** Base of the sandbox's capture links: its own capture page, or PAVE's branded URLs (SANDBOX_LOCAL_CAPTURE=false). */
  captureBaseUrl: string | undefined;
  /** Host names the dev server answers besides localhost and IP addresses (Vite refuses others). */
  allowedHosts: string[];
  warnings: string[];
}

/** Thrown with one line per problem, fit for a terminal. */
export class DemoSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.map((problem) => `npm start: ${problem}`).join('\n'));
    this.name = 'DemoSettingsError';
  }
}

const DEFAULT_PORTS = { DEMO_PORT: 5173, PORT: 8787, SANDBOX_PORT: 8788 } as const;

/**
 * @param addresses this computer's non-loopback addresses (os.networkInterfaces()), for hints and warnings
 * @example demoPlan({ PUBLIC_HOST: '192.168.1.20' }, ['192.168.1.20']).captureBaseUrl // 'http://192.168.1.20:8788/capture'
 */
export function demoPlan(env: DemoEnv, addresses: readonly string[] = []): DemoPlan {
  const problems: string[] = [];
  const port = (setting: keyof typeof DEFAULT_PORTS): number => {
    const raw = env[setting]?.trim();
    if (!raw) return DEFAULT_PORTS[setting];
    const value = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
    if (value >= 1 && value <= 65535) return value;
    problems.push(`${setting} must be a port number from 1 to 65535 (got "${env[setting]}").`);
    return DEFAULT_PORTS[setting];
  };
  const ports = { demo: port('DEMO_PORT'), signer: port('PORT'), sandbox: port('SANDBOX_PORT') };

  const hasCredentials = Boolean(env.PAVE_USERNAME && env.PAVE_API_KEY && env.PAVE_API_SECRET);
  const useSandbox = env.DEMO_USE_SANDBOX === 'true' || !hasCredentials;
  const used = useSandbox ? [ports.demo, ports.signer, ports.sandbox] : [ports.demo, ports.signer];
  if (new Set(used).size < used.length) {
    problems.push(`DEMO_PORT, PORT${useSandbox ? ' and SANDBOX_PORT' : ''} must be different ports (got ${used.join(', ')}).`);
  }

  let publicHost: string | undefined;
  const rawHost = env.PUBLIC_HOST?.trim();
  if (rawHost) {
    const parsed = parsePublicHost(rawHost, addresses);
    if ('problem' in parsed) problems.push(parsed.problem);
    else publicHost = parsed.host;
  }
  if (problems.length) throw new DemoSettingsError(problems);

  // The page and the capture link are what a phone opens; the signer is reached through the page's /signer proxy.
  const reachable = publicHost ? EVERY_INTERFACE : LOOPBACK;
  const pageHost = publicHost ?? 'localhost';
  const localCapture = env.SANDBOX_LOCAL_CAPTURE?.trim() !== 'false';
  return {
    useSandbox,
    page: { setting: 'DEMO_PORT', what: 'dealer page', port: ports.demo, host: reachable },
    signer: { setting: 'PORT', what: 'signer', port: ports.signer, host: LOOPBACK },
    sandbox: useSandbox ? { setting: 'SANDBOX_PORT', what: 'PAVE sandbox', port: ports.sandbox, host: reachable } : undefined,
    publicHost,
    pageUrl: `http://localhost:${ports.demo}/`,
    phonePageUrl: publicHost ? `http://${publicHost}:${ports.demo}/` : undefined,
    pageOrigins: [`http://localhost:${ports.demo}`, `http://${LOOPBACK}:${ports.demo}`, ...(publicHost ? [`http://${publicHost}:${ports.demo}`] : [])],
    redirectUrl: `http://${pageHost}:${ports.demo}/thanks.html`,
    captureBaseUrl: useSandbox && localCapture ? `http://${publicHost ?? LOOPBACK}:${ports.sandbox}/capture` : undefined,
    allowedHosts: publicHost && !publicHost.startsWith('[') && !/^[\d.]+$/.test(publicHost) ? [publicHost] : [],
    warnings: publicHost ? [publicHostWarning(publicHost, addresses)].filter((warning): warning is string => !!warning) : [],
  };
}

/** The servers `npm start` runs, in the order their settings are listed: page, signer, sandbox. */
export function listeners(plan: DemoPlan): Listener[] {
  return [plan.page, plan.signer, plan.sandbox].filter((listener): listener is Listener => !!listener);
}
