/**
 * The whole stack in a real Chromium: dealer page → <pave-capture> → signer → PAVE sandbox.
 */
import type {} from '../../widget/index.ts';
import { createCalls, expect, nextEvent, test, useDelivery, VIN } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('sms flow: the sandbox texts the link and the widget confirms with a masked number', async ({ page, request }) => {
  await useDelivery(page, 'sms');
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
  // The phone went out as E.164, the language with it.
  expect((await createCalls(page))[0]?.body).toMatchObject({ sms: { to: '+12025550143' }, session: { language: 'EN' } });
});

test('invalid VIN: explained as it is typed, and nothing is sent', async ({ page }) => {
  const widget = page.locator('pave-capture');
  const vin = widget.getByLabel('VIN');
  await vin.pressSequentially('1hgcm8-2633a00435o');
  await expect(vin).toHaveValue('1HGCM82633A00435O');
  await expect(vin).toHaveAttribute('aria-invalid', 'true');
  // The message names the character at fault.
  await expect(widget.getByText('“O” cannot be in a VIN: it uses letters and digits only, never I, O or Q.')).toBeVisible();
  await expect(vin).toHaveAccessibleDescription(/never I, O or Q/);

  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(vin).toBeFocused();
  await expect(widget.locator('svg')).toHaveCount(0);
  expect(await createCalls(page)).toEqual([]);
});

test('wrong check digit: refused as soon as the VIN is complete', async ({ page }) => {
  const widget = page.locator('pave-capture');
  const vin = widget.getByLabel('VIN');
  await vin.fill('1HGCM82634A004352');
  await expect(vin).toHaveAccessibleDescription(/9th character does not match/);
  await vin.fill(VIN);
  await expect(vin).toHaveAttribute('aria-invalid', 'false');
});

test('a phone number is formatted as typed and checked when left', async ({ page }) => {
  await useDelivery(page, 'sms');
  const phone = page.locator('pave-capture').getByLabel('Mobile phone');
  await phone.pressSequentially('20255');
  await expect(phone).toHaveValue('(202) 55');
  await expect(phone).toHaveAttribute('aria-invalid', 'false');
  await phone.blur();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(/too short/);
});

test('the signer’s refusal is shown and announced, with a code in pave-error', async ({ page, request, problems }) => {
  problems.allowFailedLoad(/\/signer\/v1\/sessions$/);
  await request.post('/sandbox/_sandbox/faults', { data: { mode: 'error', times: 1 } });
  const failed = nextEvent<{ code: string }>(page, 'pave-error');
  await page.locator('pave-capture').getByRole('button', { name: 'Continue on my phone' }).click();
  expect((await failed).code).toBe('upstream_error');
  await expect(page.locator('pave-capture').getByRole('alert')).toHaveText('The inspection service is not available right now. Please try again later.');
});

test('link mode after a one-off PAVE 500: the next press creates a session', async ({ page, request, problems }) => {
  problems.allowFailedLoad(/\/signer\/v1\/sessions$/);
  await request.post('/sandbox/_sandbox/faults', { data: { mode: 'error', times: 1 } });
  const widget = page.locator('pave-capture');
  const button = widget.getByRole('button', { name: 'Continue on my phone' });
  await button.click();
  await expect(widget.getByRole('alert')).toHaveText(/not available right now/);
  // Focus is not lost to <body>: it is on the message, and the button is one Tab away.
  await expect(widget.getByRole('alert')).toBeFocused();
  await button.click();
  await expect(widget.getByRole('heading', { name: 'Scan with your phone' })).toBeVisible();
});

test('attributes: disabled, require-vin and prefill, set by the page at any time', async ({ page }) => {
  const widget = page.locator('pave-capture');
  await widget.evaluate((el) => {
    el.setAttribute('disabled', '');
    el.setAttribute('vin', '1hgcm8 2633a004352');
    el.toggleAttribute('require-vin', true);
  });
  await expect(widget.getByLabel('VIN')).toBeDisabled();
  await expect(widget.getByLabel('VIN')).toHaveValue(VIN);
  await expect(widget.getByRole('button', { name: 'Continue on my phone' })).toBeDisabled();
  await expect(widget.getByText('(optional)')).toHaveCount(0);

  await widget.evaluate((el: HTMLElementTagNameMap['pave-capture']) => (el.disabled = false));
  await expect(widget).not.toHaveAttribute('disabled');
  await expect(widget.getByLabel('VIN')).toBeEnabled();
  expect(await widget.evaluate((el: HTMLElementTagNameMap['pave-capture']) => el.state)).toBe('idle');
});
