/**
 * The sandbox's memory: sessions by key, the texts it "sent", and every request it received.
 */
import { randomInt } from 'node:crypto';

export const STATUSES = ['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID'] as const;
export type Status = (typeof STATUSES)[number];

export interface StoredSession {
  session_key: string;
  theme: string;
  active: boolean;
  status: Status;
  redirect_url: string | null;
  inspect_started_at: string | null;
  inspect_ended_at: string | null;
  created_at: string;
  updated_at: string;
  language: string;
  capture_url: string;
  options: Record<string, unknown>;
  vehicle: Record<string, unknown> | null;
  /** Which account created it: another account's key cannot read it. */
  owner: string;
  /** How many times its text was resent (PAVE allows one). */
  resends: number;
}

/** Fields of a stored session that PAVE would never show. */
export type InternalField = 'owner' | 'resends';

/** A session as PAVE shows it: without the sandbox's own bookkeeping. */
export function publicSession(session: StoredSession): Omit<StoredSession, InternalField> {
  const { owner: _owner, resends: _resends, ...rest } = session;
  return rest;
}

/** `options.sms` of a session that was texted. */
export interface StoredSms {
  to: string;
  to_name?: string;
  from?: string;
  by?: string;
}

export interface OutboxMessage {
  /** `create` for the first text, `resend` for PAVE's v2 resend. */
  kind: 'create' | 'resend';
  session_key: string;
  to: string;
  to_name: string | null;
  from: string | null;
  by: string | null;
  body: string;
  sent_at: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  status: number;
  body: unknown;
  at: string;
}

/** PAVE's timestamp shape: microseconds, `Z`. */
export function paveTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class SandboxStore {
  readonly sessions = new Map<string, StoredSession>();
  readonly outbox: OutboxMessage[] = [];
  readonly requests: ReceivedRequest[] = [];

  /** `ABC-XXXXXXXXXX`: 3–4 capitals, dash, 10 capitals/digits, as PAVE's keys look. */
  newKey(prefix: string): string {
    let key: string;
    do {
      key = `${prefix}-${Array.from({ length: 10 }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join('')}`;
    } while (this.sessions.has(key));
    return key;
  }

  reset(): void {
    this.sessions.clear();
    this.outbox.length = 0;
    this.requests.length = 0;
  }
}
