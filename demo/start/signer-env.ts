/**
 * The demo signer's environment: the developer's settings, with the demo's defaults where they are
 * silent, and the sandbox's account when the sandbox runs. Pure.
 */
import type { Env } from '../../signer/config/settings.ts';
import type { SandboxAccount } from '../sandbox/verify.ts';
import { LOOPBACK, type DemoEnv, type DemoPlan } from './plan.ts';

/**
 * @param account the sandbox's built-in account (signed with when the sandbox runs)
 * @example loadConfig(demoSignerEnv(demoPlan(process.env), process.env, DEMO_ACCOUNT))
 */
export function demoSignerEnv(plan: DemoPlan, env: DemoEnv, account: SandboxAccount): Env {
  const defaults: Env = {
    PAVE_DEALER_NAME: 'Main Street Motors',
    PAVE_REDIRECT_URL: plan.redirectUrl,
    // Someone trying the demo texts their own number again and again: a little more room than the
    // production default of 3 an hour, still low enough to see the ceiling answer.
    RATE_LIMIT_PHONE: '10',
    // A phone on the same network opens the demo over plain http:// at PUBLIC_HOST, which the signer refuses
    // off loopback unless told: the demo tells it, and only then.
    ...(plan.publicHost ? { ALLOW_INSECURE_HTTP: 'true' } : {}),
  };
  const sandbox: Env = plan.sandbox
    ? {
        // Every interface includes loopback: the signer always calls the sandbox on this computer.
        PAVE_API_URL: `http://${LOOPBACK}:${plan.sandbox.port}`,
        PAVE_USERNAME: account.username,
        PAVE_API_KEY: account.apiKey,
        PAVE_API_SECRET: account.apiSecret,
        PAVE_SMS_FROM: '+16475550100',
        SMS_COUNTRIES: env.SMS_COUNTRIES?.trim() || 'US,CA',
      }
    : {};
  // The demo's own pages always reach its signer, whatever else ALLOWED_ORIGINS lists (a .env copied from
  // .env.example names only the dealer's real site).
  const origins = [...(env.ALLOWED_ORIGINS ?? '').split(','), ...plan.pageOrigins].map((origin) => origin.trim()).filter(Boolean);
  return { ...defaults, ...given(env), ...sandbox, ALLOWED_ORIGINS: [...new Set(origins)].join(',') };
}

/** The settings the developer gave a value: `PAVE_REDIRECT_URL=` in a .env means "not set", not "empty". */
function given(env: DemoEnv): Env {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()));
}
