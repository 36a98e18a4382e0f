/**
 * Remembers the customer's session per site, so coming back to the dealer's page shows the same link
 * instead of creating (and texting) a new one. "Start over" forgets it.
 *
 * Storage is passed in (the element gives `localStorage`) and may be missing or throw — private modes,
 * sandboxed iframes, storage disabled by policy — in which case nothing is remembered and nothing breaks.
 * Only what the signer answered is kept: the masked number, never the one the customer typed.
 */
import type { CreateSessionResponse, SessionStatus } from '../../contract/schema.ts';
import { readCreated } from '../net/parse.ts';

/** PAVE re-sends a session's text for 7 days; past that a remembered link is more likely stale than useful. */
export const REMEMBER_MS = 7 * 24 * 60 * 60 * 1000;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Saved {
  session: CreateSessionResponse;
  saved_at: number;
  /** `COMPLETE` once the inspection is done: a reload then shows the thank-you screen at once. */
  status?: SessionStatus;
}

/** One entry per signer and site, so two dealers (or two widgets of one dealer) on one origin never mix. */
export function resumeKey(signer: string, site: string): string {
  return `pave-capture:${site || '-'}@${signer}`;
}

export function remember(storage: Storage | undefined, key: string, session: CreateSessionResponse, now: number, status?: SessionStatus): void {
  try {
    storage?.setItem(key, JSON.stringify({ session, saved_at: now, ...(status ? { status } : {}) } satisfies Saved));
  } catch {
    // Full or forbidden: the customer simply will not be offered to resume.
  }
}

/** The remembered session if it is still young enough, else `undefined` (and a stale entry is removed). */
export function recall(storage: Storage | undefined, key: string, now: number): CreateSessionResponse | undefined {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Partial<Saved> | null;
    const session = readCreated(saved?.session);
    const age = now - Number(saved?.saved_at);
    if (session && age >= 0 && age < REMEMBER_MS) return session;
    storage?.removeItem(key);
  } catch {
    // Unreadable: treat as nothing remembered.
  }
  return undefined;
}

/** After a status: an unusable session is forgotten; a complete one is kept as such, so a reload thanks the customer rather than hand the link over again. */
export function rememberStatus(storage: Storage | undefined, key: string, session: CreateSessionResponse, status: SessionStatus, now: number): void {
  if (status === 'EXPIRED' || status === 'INVALID') forget(storage, key);
  if (status === 'COMPLETE') remember(storage, key, session, now, status);
}

/** The status remembered with the session (see `Saved.status`), if any. */
export function recallStatus(storage: Storage | undefined, key: string): SessionStatus | undefined {
  try {
    const status = (JSON.parse(storage?.getItem(key) ?? 'null') as Partial<Saved> | null)?.status;
    return status === 'COMPLETE' ? status : undefined;
  } catch {
    return undefined;
  }
}

export function forget(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** The page's `localStorage`, or `undefined` where merely touching it throws (sandboxed iframes, storage blocked). */
export function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
