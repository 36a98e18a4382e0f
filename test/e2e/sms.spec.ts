/**
 * The texted link: masked number, change number, resend, resume after a reload, start over, one session
 * per submission however often it is clicked.
 */
import { createCalls, events, expect, fakeFollowUps, recordEvents, test, useDelivery } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await useDelivery(page, 'sms');
});

async function textTo(page: import('@playwright/test').Page, number: string) {
  const widget = page.locator('pave-capture');
  await widget.getByLabel('Mobile phone').fill(number);
  await widget.getByRole('button', { name: 'Text me the link' }).click();
  return widget;
}

test('change number: back to the form with the number kept, and a new text to the new number', async ({ page, request }) => {
  const widget = await textTo(page, '2025550143');
  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();

  await widget.getByRole('button', { name: 'Change number' }).click();
  const phone = widget.getByLabel('Mobile phone');
  await expect(phone).toBeFocused();
  await expect(phone).toHaveValue('(202) 555-0143');
  await phone.fill('2025550199');
  await widget.getByRole('button', { name: 'Text me the link' }).click();
  await expect(widget.getByText('We texted a link to •••-•••-0199.')).toBeVisible();

  const { messages } = await (await request.get('/sandbox/_sandbox/outbox')).json();
  expect(messages.map((m: { to: string }) => m.to)).toEqual(['+12025550143', '+12025550199']);
});

test('resume: a reload shows the same texted link without a new session; start over forgets it', async ({ page }) => {
  const widget = await textTo(page, '2025550143');
  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();

  await page.reload();
  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();
  expect(await createCalls(page)).toHaveLength(1);

  await widget.getByRole('button', { name: 'Start over' }).click();
  await expect(widget.getByLabel('VIN')).toBeFocused();
  await page.reload();
  await expect(widget.getByLabel('VIN')).toBeVisible();
  await expect(widget.getByText(/We texted/)).toHaveCount(0);
});

test('double clicks and Enter-mashing create one session', async ({ page }) => {
  const widget = page.locator('pave-capture');
  const phone = widget.getByLabel('Mobile phone');
  await phone.fill('2025550143');
  await widget.getByRole('button', { name: 'Text me the link' }).dblclick();
  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();

  await widget.getByRole('button', { name: 'Start over' }).click();
  await useDelivery(page, 'sms');
  await phone.fill('2025550199');
  await phone.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(widget.getByText('We texted a link to •••-•••-0199.')).toBeVisible();

  // Faster than any person: three submits in one task, before the widget has re-rendered a thing.
  await widget.getByRole('button', { name: 'Change number' }).click();
  await phone.fill('2025550123');
  await widget.locator('form').evaluate((form: HTMLFormElement) => {
    for (let i = 0; i < 3; i++) form.requestSubmit();
  });
  await expect(widget.getByText('We texted a link to •••-•••-0123.')).toBeVisible();
  expect(await createCalls(page)).toHaveLength(3);
});

test('resend: texts the same link again with the ticket, then rests', async ({ page }) => {
  const calls = await fakeFollowUps(page, { statuses: ['IDLE'] });
  await recordEvents(page);
  const ticket = page.waitForResponse('**/signer/v1/sessions').then((response) => response.json() as Promise<{ ticket: string; session_key: string }>);
  const widget = await textTo(page, '2025550143');
  const { ticket: proof, session_key } = await ticket;

  const resend = widget.getByRole('button', { name: 'Resend text' });
  await resend.click();
  await expect(widget.getByText('We texted the link again to •••-•••-0143.')).toBeVisible();
  // PAVE resends once: the button is gone once used.
  await expect(resend).toHaveCount(0);
  expect(calls.resendCalls).toEqual([`Bearer ${proof}`]);
  expect(calls.statusCalls[0]).toBe(`Bearer ${proof}`);
  expect(await events(page, 'pave-sms-sent')).toEqual([
    { session_key, sms_to: '+1 ••• ••• 0143' },
    { session_key, sms_to: '+1 ••• ••• 0143' },
  ]);
});

test('resend refused by PAVE’s rules: the reason is shown', async ({ page, problems }) => {
  problems.allowFailedLoad(/\/v1\/sessions\/[^/]+\/resend$/);
  await fakeFollowUps(page, {
    resend: { status: 409, body: { error: { code: 'resend_not_allowed', message: 'PAVE allows one resend per session.' } } },
  });
  const widget = await textTo(page, '2025550143');
  await widget.getByRole('button', { name: 'Resend text' }).click();
  await expect(widget.getByRole('alert')).toHaveText('This link cannot be texted again. Start over to get a new one.');
});

test('resend stays hidden with a signer that has no follow-up routes', async ({ page, problems }) => {
  problems.allowFailedLoad(/\/v1\/sessions\/[^/]+\/status$/);
  const calls = await fakeFollowUps(page, { status: { status: 404, body: { error: { code: 'not_found', message: 'No such route.' } } } });
  const widget = await textTo(page, '2025550143');
  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();
  await expect.poll(() => calls.statusCalls.length).toBe(1);
  await expect(widget.getByRole('button', { name: 'Change number' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Resend text' })).toHaveCount(0);
});
