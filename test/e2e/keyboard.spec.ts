/**
 * The SMS flow with the keyboard alone, from the top of the page: focus lands where the next step is.
 */
import { createCalls, expect, test, VIN } from './fixtures.ts';

test('keyboard only: VIN, switch to a text, phone, send, confirmation, change number', async ({ page }) => {
  await page.goto('/');
  const widget = page.locator('pave-capture');

  await page.keyboard.press('Tab');
  await expect(widget.getByLabel('VIN')).toBeFocused();
  await page.keyboard.type(VIN.toLowerCase());
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Continue on my phone' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Text it to me instead' })).toBeFocused();
  await page.keyboard.press('Enter');

  const phone = widget.getByLabel('Mobile phone');
  await expect(phone).toBeFocused();
  await page.keyboard.type('2025550143');
  await expect(phone).toHaveValue('(202) 555-0143');
  await page.keyboard.press('Enter');

  const title = widget.getByText('We texted a link to •••-•••-0143.');
  await expect(title).toBeFocused();
  // "Resend text" comes first once the signer has reported the session's status: wait for it, not race it.
  await expect(widget.getByRole('button', { name: 'Resend text' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Resend text' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Change number' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(phone).toBeFocused();
  expect((await createCalls(page))[0]?.body).toMatchObject({ vehicle: { vin: VIN }, sms: { to: '+12025550143' } });
});
