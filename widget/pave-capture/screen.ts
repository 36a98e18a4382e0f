/**
 * Which screen a session on hand shows: its own screen once the status is final (thank-you, or a new
 * link), else the hand-off — the start button on a phone, the QR code on a desktop, the texted confirmation.
 */
import type { State } from '../core/machine.ts';
import type { QrEncoder } from '../on-demand/qr-loader.ts';
import type { Strings } from '../strings/index.ts';
import { completeView, deadView } from './final-views.ts';
import { qrView, smsView, startView } from './views.ts';

/** Final statuses: each has its own screen. */
export const FINAL: ReadonlySet<string> = new Set(['COMPLETE', 'EXPIRED', 'INVALID']);

interface HandoffScreen {
  state: Extract<State, { kind: 'link' | 'sms' }>;
  strings: Strings;
  notice: string;
  actions: { copy: (url: string) => void; choose: (mode: 'link' | 'sms') => void; restart: () => void; resend: () => void; renew: () => void };
  onPhone: boolean;
  /** Under `auto`, a desktop's QR code offers a text instead. */
  offerText: boolean;
  qr: QrEncoder | null | undefined;
  typedPhone: string;
}

export function handoffScreen(v: HandoffScreen) {
  const { state: s, strings, notice, actions } = v;
  if (FINAL.has(s.status ?? '')) {
    const final = { state: s, strings, notice, restart: actions.restart, renew: actions.renew };
    return s.status === 'COMPLETE' ? completeView(final) : deadView(final);
  }
  if (s.kind === 'sms') return smsView({ state: s, strings, notice, actions, typedPhone: v.typedPhone });
  return v.onPhone ? startView({ state: s, strings, notice, actions }) : qrView({ state: s, strings, notice, actions, offerText: v.offerText, qr: v.qr });
}
