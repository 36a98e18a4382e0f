/**
 * A hand-off's progress: a neutral step indicator ("Step 2 of 5" and a bar) with the status in a polite
 * live region — not success green, which would read as done. When status checks keep failing, it says the
 * progress is unknown instead of "waiting" for ever.
 */
import { html, nothing } from 'lit';
import type { Handoff } from '../core/machine.ts';
import type { Strings } from '../strings/index.ts';

/** The statuses on the way to `COMPLETE`, in order: the step indicator's steps. */
const STEPS = ['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM'] as const;

export function progressView(state: Handoff, t: Strings) {
  const step = STEPS.indexOf(state.status as (typeof STEPS)[number]) + 1;
  const words = state.lost ? t.statusUnavailable : step ? t.status[STEPS[step - 1]!] : undefined;
  return html`${step && !state.lost
      ? html`<div class="steps">
          <progress part="progress" max=${STEPS.length} .value=${step} aria-label=${t.progressLabel}></progress>
          <span class="muted">${t.step(step, STEPS.length)}</span>
        </div>`
      : nothing}
    <p part="message status" class="progress" role="status">${words ?? nothing}</p>`;
}
