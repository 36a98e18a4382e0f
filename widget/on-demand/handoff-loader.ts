/**
 * The hand-off module (`handoff.ts`: the screens, tracking and words of what follows the button press) is
 * fetched on demand: when the customer first focuses the form (typing a VIN takes seconds, so it is here before the
 * press), else as the button is pressed — in parallel with the create request — or when a remembered session is resumed. Its failure (a blocked
 * file, no CORS) is said on the console (`fetchModule`), and the element shows the bare capture link instead.
 */
import { html, nothing } from 'lit';
import { fetchModule } from './loader.ts';
import type * as Module from './handoff.ts';

export type Handoff = ReturnType<typeof Module.handoff>;

let parts: Handoff | null | undefined;
let loading: Promise<Handoff | null> | undefined;

/** Starts fetching the module (once per page); resolves with its parts, or `null` for good when it could not be had. */
export function loadHandoff(): Promise<Handoff | null> {
  return (loading ??= fetchModule('handoff').then(
    (module) => (parts = (module as typeof Module).handoff({ html, nothing })),
    () => (parts = null),
  ));
}

/** The module's parts if here, `null` if they could not be had, `undefined` while not fetched yet. */
export const handoffNow = (): Handoff | null | undefined => parts;
