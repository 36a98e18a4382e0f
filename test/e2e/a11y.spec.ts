/**
 * axe-core (WCAG 2.0–2.2 A and AA rules) on the dealer page in every state of the widget, in light and
 * dark colour schemes, on a desktop and on a phone. Zero violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { devices, type Page } from '@playwright/test';
import { expect, fakeFollowUps, test, useDelivery, VIN } from './fixtures.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('idle form, both deliveries', async ({ page }) => {
      await page.goto('/');
      await expectNoViolations(page);
      await useDelivery(page, 'sms');
      await expectNoViolations(page);
    });

    test('errors shown: bad VIN, missing phone, signer refusal', async ({ page }) => {
      await page.goto('/');
      await useDelivery(page, 'sms');
      const widget = page.locator('pave-capture');
      await widget.getByLabel('VIN').fill('1HGCM82633A00435O');
      await widget.getByRole('button', { name: 'Text me the link' }).click();
      await expect(widget.getByLabel('Mobile phone')).toHaveAttribute('aria-invalid', 'true');
      await expect(widget.getByText(/never I, O or Q/)).toBeVisible();
      await expectNoViolations(page);
    });

    test('desktop link: QR code, copy, status', async ({ page }) => {
      await fakeFollowUps(page, { statuses: ['STARTED'] });
      await page.goto('/');
      const widget = page.locator('pave-capture');
      await widget.getByLabel('VIN').fill(VIN);
      await widget.getByRole('button', { name: 'Continue on my phone' }).click();
      await expect(widget.getByText('Inspection started.')).toBeVisible();
      await expectNoViolations(page);
    });

    test('SMS sent, with resend and its notice', async ({ page }) => {
      await fakeFollowUps(page, { statuses: ['IDLE'] });
      await page.goto('/');
      await useDelivery(page, 'sms');
      const widget = page.locator('pave-capture');
      await widget.getByLabel('Mobile phone').fill('2025550143');
      await widget.getByRole('button', { name: 'Text me the link' }).click();
      await widget.getByRole('button', { name: 'Resend text' }).click();
      await expect(widget.getByText('We texted the link again to •••-•••-0143.')).toBeVisible();
      await expectNoViolations(page);
    });

    test('final screens: COMPLETE, then EXPIRED', async ({ page }) => {
      await fakeFollowUps(page, { statuses: ['COMPLETE'] });
      await page.goto('/');
      const widget = page.locator('pave-capture');
      await widget.getByRole('button', { name: 'Continue on my phone' }).click();
      await expect(widget.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
      await expectNoViolations(page);
      await page.unrouteAll();
      await fakeFollowUps(page, { statuses: ['EXPIRED'] });
      await widget.getByRole('button', { name: 'Start over' }).click();
      await widget.getByRole('button', { name: 'Continue on my phone' }).click();
      await expect(widget.getByRole('button', { name: 'Get a new link' })).toBeVisible();
      await expectNoViolations(page);
    });

    test('progress step indicator', async ({ page }) => {
      await fakeFollowUps(page, { statuses: ['PROCESS'] });
      await page.goto('/');
      const widget = page.locator('pave-capture');
      await widget.getByRole('button', { name: 'Continue on my phone' }).click();
      await expect(widget.getByText('Step 3 of 5')).toBeVisible();
      await expectNoViolations(page);
    });

    test('an error with a wait: may have texted, and rate limited', async ({ page, problems }) => {
      problems.allowFailedLoad(/\/signer\/v1\/sessions$/);
      const answers = [
        { status: 504, body: { error: { code: 'upstream_timeout', message: 'May have texted.', may_have_texted: true } }, wait: '300' },
        { status: 429, body: { error: { code: 'rate_limited', message: 'Too many.' } }, wait: '3598' },
      ];
      await page.route('**/signer/v1/sessions', (route) => {
        const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
        return route.fulfill({ status: answer.status, contentType: 'application/json', headers: { 'Retry-After': answer.wait }, body: JSON.stringify(answer.body) });
      });
      await page.goto('/');
      await useDelivery(page, 'sms');
      const widget = page.locator('pave-capture');
      await widget.getByLabel('Mobile phone').fill('2025550143');
      await widget.getByRole('button', { name: 'Text me the link' }).click();
      await expect(widget.getByRole('alert')).toHaveText('If a text arrives, use it. You can try again in 5 minutes.');
      await expect(widget.getByRole('button', { name: 'Text me the link' })).toBeDisabled();
      await expectNoViolations(page);
      await page.reload();
      await widget.getByRole('button', { name: 'Continue on my phone' }).click();
      await expect(widget.getByRole('alert')).toHaveText('Too many attempts. You can try again in 1 hour.');
      await expectNoViolations(page);
    });

    test('French form with errors', async ({ page }) => {
      await page.goto('/');
      await page.locator('#language').selectOption('fr');
      const widget = page.locator('pave-capture');
      await widget.getByLabel('NIV').fill('1HGCM82634A004352');
      await expect(widget.getByText(/9e caractère/)).toBeVisible();
      await expectNoViolations(page);
    });
  });
}

test.describe('on a phone', () => {
  const { defaultBrowserType: _chromium, ...pixel } = devices['Pixel 7']!;
  test.use(pixel);

  test('start button', async ({ page }) => {
    await page.goto('/');
    await expectNoViolations(page);
    await page.locator('pave-capture').getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('pave-capture').getByRole('link', { name: 'Start inspection' })).toBeVisible();
    await expectNoViolations(page);
  });

  test('thank-you screen', async ({ page }) => {
    await fakeFollowUps(page, { statuses: ['COMPLETE'] });
    await page.goto('/');
    const widget = page.locator('pave-capture');
    await widget.getByRole('button', { name: 'Continue' }).click();
    await expect(widget.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await expect(widget.getByRole('link', { name: 'Start inspection' })).toHaveCount(0);
    await expectNoViolations(page);
  });
});
