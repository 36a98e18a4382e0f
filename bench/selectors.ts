/**
 * How the click-to-link figure finds its way through the widget: by role and accessible name, as a
 * person would — the one place to adjust when the widget's words change.
 */
import type { Locator, Page } from '@playwright/test';

/** A valid North American VIN (check digit correct). */
export const BENCH_VIN = '1HGCM82633A004352';

export const widgetUi = {
  widget: (page: Page): Locator => page.locator('pave-capture'),
  vinField: (widget: Locator): Locator => widget.getByLabel('VIN'),
  /** On a phone the widget creates the session for this very device: "Continue", then a "Start inspection" button. */
  submitButton: (widget: Locator): Locator => widget.getByRole('button', { name: 'Continue', exact: true }),
  captureLink: (widget: Locator): Locator => widget.getByRole('link', { name: 'Start inspection' }),
  /** The contract's event that a session exists; the link is on screen in the frame after it. */
  createdEvent: 'pave-session-created',
};
