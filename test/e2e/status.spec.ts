/**
 * Live status: polled from the signer with backoff, announced in a polite live region, stopped at a final
 * status, when the element leaves the page and while the tab is hidden. Time is Playwright's fake clock.
 */
import type { Page } from '@playwright/test';
import { createCalls, events, expect, fakeFollowUps, recordEvents, test } from './fixtures.ts';

/**
 * Runs the fake clock, then sends one request of its own through the network stack: any status call the
 * widget issued while the clock ran has reached the route handler before this one comes back.
 */
async function runFor(page: Page, ms: number) {
  await page.clock.runFor(ms);
  await page.evaluate(() => fetch('/signer/healthz').then((response) => response.text()));
}

test.beforeEach(async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await recordEvents(page);
});

test('follows the session to COMPLETE, announcing each step, then stops polling', async ({ page }) => {
  const calls = await fakeFollowUps(page, { statuses: ['IDLE', 'STARTED', 'PROCESS', 'COMPLETE'] });
  const widget = page.locator('pave-capture');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();

  const progress = widget.getByRole('status').filter({ hasText: /./ });
  await expect(progress).toHaveText('Waiting for the link to be opened.');
  await expect(progress).toHaveAttribute('role', 'status');
  await page.clock.runFor(2_000);
  await expect(progress).toHaveText('Inspection started.');
  await page.clock.runFor(2_000);
  await expect(progress).toHaveText('Photos received.');
  await page.clock.runFor(2_000);
  await expect(progress).toHaveText('Inspection complete. Thank you!');
  await expect(widget.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  const seen = calls.statusCalls.length;
  await runFor(page, 10 * 60_000);
  expect(calls.statusCalls.length).toBe(seen);
  const statuses = (await events(page, 'pave-session-status')) as Array<{ status: string }>;
  expect(statuses.map((e) => e.status)).toEqual(['IDLE', 'STARTED', 'PROCESS', 'COMPLETE']);
});

test('COMPLETE is a thank-you screen with nothing to hand over, also after a reload', async ({ page }) => {
  await fakeFollowUps(page, { statuses: ['COMPLETE'] });
  const widget = page.locator('pave-capture');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByRole('heading', { name: 'Thank you!' })).toBeFocused();
  const handoff = async () => {
    await expect(widget.getByRole('img', { name: 'QR code of your inspection link' })).toHaveCount(0);
    await expect(widget.locator('.qr')).toHaveCount(0);
    for (const name of ['Copy link', 'Text it to me instead']) await expect(widget.getByRole('button', { name })).toHaveCount(0);
    await expect(widget.getByRole('link', { name: 'Start inspection' })).toHaveCount(0);
  };
  await handoff();
  await page.reload();
  await expect(widget.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await handoff();
});

test('an expired link is an error with "Get a new link", which creates a second session and shows its hand-off', async ({ page }) => {
  await fakeFollowUps(page, { statuses: ['EXPIRED', 'IDLE'] });
  const widget = page.locator('pave-capture');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await expect(widget.getByRole('alert')).toHaveText(/Get a new one/);
  await expect(widget.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  await widget.getByRole('button', { name: 'Get a new link' }).click();
  await expect(widget.getByRole('heading', { name: 'Scan with your phone' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Copy link' })).toBeVisible();
  expect(await createCalls(page)).toHaveLength(2);
});

test('an expired link is not offered again after a reload', async ({ page }) => {
  await fakeFollowUps(page, { statuses: ['EXPIRED'] });
  const widget = page.locator('pave-capture');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await page.reload();
  await expect(widget.getByRole('button', { name: 'Continue on my phone' })).toBeVisible();
});

// The backoff itself (2 s, ×1.5, up to 30 s) is unit-tested with fake timers in test/widget/core/poller.test.ts.
test('stops polling when the element leaves the page, and resumes when it is back', async ({ page }) => {
  const calls = await fakeFollowUps(page, { statuses: ['IDLE'] });
  const widget = page.locator('pave-capture');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByText('Waiting for the link to be opened.')).toBeVisible();
  const before = calls.statusCalls.length;

  await page.evaluate(() => {
    const widget = document.querySelector('pave-capture')!;
    (window as unknown as { detached: Element }).detached = widget;
    widget.remove();
  });
  await runFor(page, 10 * 60_000);
  expect(calls.statusCalls.length).toBe(before);

  // Put back (a framework moving it): it checks again at once.
  await page.evaluate(() => document.querySelector('.vehicle')!.append((window as unknown as { detached: Element }).detached));
  await expect.poll(() => calls.statusCalls.length).toBe(before + 1);
});

test('pauses while the tab is hidden and checks again when it shows', async ({ page }) => {
  const calls = await fakeFollowUps(page, { statuses: ['IDLE'] });
  const widget = page.locator('pave-capture');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByText('Waiting for the link to be opened.')).toBeVisible();
  const setHidden = (hidden: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);

  await setHidden(true);
  const before = calls.statusCalls.length;
  await runFor(page, 10 * 60_000);
  expect(calls.statusCalls.length).toBe(before);

  await setHidden(false);
  await expect.poll(() => calls.statusCalls.length).toBe(before + 1);
});
