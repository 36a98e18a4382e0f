/**
 * French and Spanish: picked from the element's `lang` or the page's, and sent so PAVE's capture app opens
 * in the same language.
 */
import { createCalls, expect, test, useDelivery } from './fixtures.ts';

test('French from the element’s lang attribute, sent to PAVE', async ({ page }) => {
  await page.goto('/');
  await page.locator('#language').selectOption('fr');
  const widget = page.locator('pave-capture');
  await expect(widget.getByText('Photographiez votre véhicule avec votre téléphone en une dizaine de minutes.')).toBeVisible();
  await widget.getByLabel('NIV').fill('1HGCM82633A00435O');
  // The message names the character at fault.
  await expect(widget.getByText('« O » ne peut pas figurer dans un NIV : il ne contient que des lettres et des chiffres, jamais I, O ni Q.')).toBeVisible();
  await widget.getByLabel('NIV').fill('');

  await widget.getByRole('button', { name: 'Continuer sur mon téléphone' }).click();
  await expect(widget.getByText('Scannez avec votre téléphone')).toBeVisible();
  await expect(widget.getByRole('img', { name: 'Code QR de votre lien d’inspection' })).toBeVisible();
  expect((await createCalls(page))[0]?.body).toMatchObject({ session: { language: 'FR' } });
});

test('French: a number from a country the site does not text, refused by the signer in French, the country named in French', async ({ page, problems }) => {
  problems.allowFailedLoad(/\/signer\/v1\/sessions$/);
  await page.goto('/');
  await page.locator('#language').selectOption('fr');
  await useDelivery(page, 'sms');
  const widget = page.locator('pave-capture');
  const phone = widget.getByLabel('Téléphone mobile');
  await phone.fill('+33 6 12 34 56 78');
  await widget.getByRole('button', { name: 'M’envoyer le lien par texto' }).click();
  await expect(widget.getByText(/États-Unis/)).toBeVisible();
  // The server's field error moves focus to its field, inside the shadow root.
  expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe('phone');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
});

test('Spanish from the page: the closest lang around the element', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const section = document.createElement('section');
    section.lang = 'es-MX';
    section.innerHTML = '<pave-capture signer="/signer" delivery="sms"></pave-capture>';
    document.querySelector('pave-capture')!.replaceWith(section);
  });
  const widget = page.locator('section[lang="es-MX"] pave-capture');
  await expect(widget.getByLabel('Teléfono móvil')).toBeVisible();
  await widget.getByLabel('Teléfono móvil').fill('2025550143');
  await widget.getByRole('button', { name: 'Enviarme el enlace por SMS' }).click();
  await expect(widget.getByText('Enviamos un enlace al •••-•••-0143.')).toBeVisible();
  expect((await createCalls(page))[0]?.body).toMatchObject({ session: { language: 'ES' } });
});

test('switching language re-renders at once, keeping what was typed', async ({ page }) => {
  await page.goto('/');
  await useDelivery(page, 'sms');
  const widget = page.locator('pave-capture');
  await widget.getByLabel('Mobile phone').fill('2025550143');
  await page.locator('#language').selectOption('es');
  await expect(widget.getByLabel('Teléfono móvil')).toHaveValue('(202) 555-0143');
});

test('a language the widget lacks falls back to English, and says so to screen readers', async ({ page }) => {
  await page.goto('/');
  const widget = page.locator('pave-capture');
  await widget.evaluate((el) => el.setAttribute('lang', 'de'));
  await expect(widget.getByRole('button', { name: 'Continue on my phone' })).toBeVisible();
  await expect(widget.locator('form')).toHaveAttribute('lang', 'en');
  await page.locator('#language').selectOption('fr');
  await expect(widget.locator('form')).toHaveAttribute('lang', 'fr');
});
