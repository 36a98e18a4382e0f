/**
 * The walking skeleton in a real Chromium: dealer page → <pave-capture> → signer → PAVE sandbox.
 */
import { expect, test, type Page } from '@playwright/test';

const VIN = '1HGCM82633A004352';

test.beforeEach(async ({ page, request }) => {
  await request.post('/sandbox/_sandbox/reset');
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  (page as Page & { problems?: string[] }).problems = problems;
  await page.goto('/');
});

test.afterEach(async ({ page }) => {
  expect((page as Page & { problems?: string[] }).problems ?? []).toEqual([]);
});

/** Resolves with the detail of the next event of this type on the document. */
function nextEvent(page: Page, type: string) {
  return page.evaluate(
    (eventType) => new Promise((resolve) => document.addEventListener(eventType, (event) => resolve((event as CustomEvent).detail), { once: true })),
    type,
  );
}

test('link flow: the capture link appears and opens the sandbox capture page', async ({ page, context }) => {
  const widget = page.locator('pave-capture');
  await widget.getByLabel('VIN').fill(VIN.toLowerCase());
  const created = nextEvent(page, 'pave-session-created');
  await widget.getByRole('button', { name: 'Show me the link' }).click();

  const start = widget.getByRole('link', { name: 'Start inspection' });
  await expect(start).toBeVisible();
  const detail = (await created) as { session_key: string; capture_url: string; delivery: string };
  expect(detail.delivery).toBe('link');
  await expect(start).toHaveAttribute('href', detail.capture_url);

  const [capture] = await Promise.all([context.waitForEvent('page'), start.click()]);
  await expect(capture.getByText(detail.session_key)).toBeVisible();
  await expect(capture.getByText(VIN)).toBeVisible();
});

test('sms flow: the sandbox texts the link and the widget confirms with a masked number', async ({ page, request }) => {
  const widget = page.locator('pave-capture');
  await widget.getByLabel('Mobile phone').pressSequentially('2025550143');
  await expect(widget.getByLabel('Mobile phone')).toHaveValue('(202) 555-0143');
  const sent = nextEvent(page, 'pave-sms-sent');
  await widget.getByRole('button', { name: 'Text me the link' }).click();

  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();
  expect(await sent).toMatchObject({ sms_to: '+1 ••• ••• 0143' });
  const { messages } = await (await request.get('/sandbox/_sandbox/outbox')).json();
  expect(messages).toEqual([expect.objectContaining({ to: '+12025550143', by: 'Main Street Motors' })]);
  await expect(page.locator('#outbox li')).toHaveCount(1);
});

test('invalid VIN: explained as it is typed, and nothing is sent', async ({ page, request }) => {
  const widget = page.locator('pave-capture');
  const vin = widget.getByLabel('VIN');
  await vin.pressSequentially('1HGCM82633A00435O');
  await expect(vin).toHaveAttribute('aria-invalid', 'true');
  const message = widget.getByText('A VIN uses letters and digits only, never I, O or Q.');
  await expect(message).toBeVisible();
  await expect(vin).toHaveAccessibleDescription(/never I, O or Q/);

  await widget.getByRole('button', { name: 'Show me the link' }).click();
  await expect(vin).toBeFocused();
  await expect(widget.getByRole('link', { name: 'Start inspection' })).toHaveCount(0);
  const { requests } = await (await request.get('/sandbox/_sandbox/requests')).json();
  expect(requests).toEqual([]);
});
