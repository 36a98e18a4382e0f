/**
 * The texts the sandbox "sends": into the store's outbox, worded the way a dealer's PAVE key might word them.
 */
import type { SandboxStore, StoredSession, StoredSms } from './store.ts';

/** Puts the text of `session`'s capture link to `sms.to` in the outbox. */
export function sendText(store: SandboxStore, session: StoredSession, kind: 'create' | 'resend', sms: StoredSms, at: string): void {
  store.outbox.push({
    kind,
    session_key: session.session_key,
    to: sms.to,
    to_name: sms.to_name ?? null,
    from: sms.from ?? null,
    by: sms.by ?? null,
    body: `${sms.by ?? 'PAVE'}: ${sms.to_name ? `Hi ${sms.to_name}, s` : 'S'}tart your vehicle inspection here: ${session.capture_url}`,
    sent_at: at,
  });
}
