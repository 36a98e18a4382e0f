/**
 * Which screen a session on hand shows: its own screen once the status is final (thank-you, or a new
 * link), else the hand-off — the start button on a phone, the QR code on a desktop, the texted confirmation.
 * Fetched on demand (`../on-demand/handoff.ts`), made with the element's Lit.
 */
import { FINAL_STATUSES } from '../core/handoff-machine.ts';
import type { State } from '../core/machine.ts';
import type { QrEncoder } from '../on-demand/qr-loader.ts';
import type { Strings } from '../strings/language.ts';
import { buttonOf, type LitParts } from './button.ts';
import { finalViewsOf } from './final-views.ts';
import { handoffViewsOf, type HandoffActions } from './handoff-views.ts';

export interface HandoffScreen {
  state: Extract<State, { kind: 'link' | 'sms' }>;
  strings: Strings;
  notice: string;
  actions: HandoffActions & { renew: () => void };
  onPhone: boolean;
  /** Under `auto`, a desktop's QR code offers a text instead. */
  offerText: boolean;
  qr: QrEncoder | null | undefined;
  typedPhone: string;
}

/** The screen function, made with these parts of Lit (the element's). */
export function handoffScreenOf(lit: LitParts) {
  const button = buttonOf(lit);
  const { result, startView, qrView, smsView } = handoffViewsOf(lit, button);
  const { completeView, deadView } = finalViewsOf(lit, button, result);
  return (v: HandoffScreen) => {
    const { state: s, strings, notice, actions } = v;
    if (FINAL_STATUSES.has(s.status ?? '')) {
      const final = { state: s, strings, notice, restart: actions.restart, renew: actions.renew };
      return s.status === 'COMPLETE' ? completeView(final) : deadView(final);
    }
    if (s.kind === 'sms') return smsView({ state: s, strings, notice, actions, typedPhone: v.typedPhone });
    return v.onPhone ? startView({ state: s, strings, notice, actions }) : qrView({ state: s, strings, notice, actions, offerText: v.offerText, qr: v.qr });
  };
}
