/**
 * Embedding: the script-tag build on a plain page under a strict CSP, included twice; and the element
 * inside a React 19 app, driven by properties and listened to through its events.
 */
import { STRICT_CSP } from '../../vite.config.ts';
import { createCalls, expect, test, VIN } from './fixtures.ts';

test('script tag, twice, under a strict CSP: registers once and works, with no CSP violation', async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { violations: string[] }).violations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const response = await page.goto('/strict-csp.html');
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  expect(await page.locator('script[src="/pave-capture.js"]').count()).toBe(2);

  const widget = page.locator('pave-capture');
  await widget.getByLabel('VIN').fill(VIN);
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByRole('img', { name: 'QR code of your inspection link' })).toBeVisible();
  // Styles applied through adopted stylesheets: the primary button is filled, 44 px tall at least.
  const copy = widget.getByRole('button', { name: 'Copy link' });
  expect((await copy.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await copy.evaluate((button) => getComputedStyle(button).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  expect(await page.evaluate(() => typeof (window as unknown as { PaveCapture?: { PaveCapture?: unknown } }).PaveCapture?.PaveCapture)).toBe('function');
});

test('script tag under a strict CSP, in French: the language file, the hand-off and the QR encoder come from beside the script', async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { violations: string[] }).violations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const onDemand: string[] = [];
  page.on('request', (request) => {
    if (/pave-capture\.\w+\.js$/.test(request.url())) onDemand.push(new URL(request.url()).pathname);
  });
  await page.goto('/strict-csp.html');
  const widget = page.locator('pave-capture');
  await expect(widget.getByRole('button', { name: 'Continue on my phone' })).toBeVisible();
  await widget.evaluate((element) => element.setAttribute('lang', 'fr-CA'));

  await expect(widget.getByRole('button', { name: 'Continuer sur mon téléphone' })).toBeVisible();
  await expect(widget.locator('form')).toHaveAttribute('lang', 'fr');
  await widget.getByLabel('NIV').fill(VIN);
  // The form's first focus fetches the hand-off (it is here before the press); the QR encoder comes with the session.
  await expect.poll(() => [...onDemand].sort()).toEqual(['/pave-capture.fr.js', '/pave-capture.handoff.js']);
  await widget.getByRole('button', { name: 'Continuer sur mon téléphone' }).click();
  await expect(widget.getByRole('img', { name: 'Code QR de votre lien d’inspection' })).toBeVisible();
  expect((await createCalls(page))[0]?.body).toMatchObject({ session: { language: 'FR' } });

  // All fetched by the time the link shows, under the strict CSP (script-src 'self', Trusted Types): no violation.
  expect(onDemand.sort()).toEqual(['/pave-capture.fr.js', '/pave-capture.handoff.js', '/pave-capture.qr.js']);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});

test('script tag: a language file that cannot be loaded leaves a working English form', async ({ page, problems }) => {
  problems.allowFailedLoad(/pave-capture\.es\.js$/);
  let asked = 0;
  await page.route('**/pave-capture.es.js', (route) => (asked++, route.fulfill({ status: 404, body: 'not here' })));
  await page.goto('/strict-csp.html');
  const widget = page.locator('pave-capture');
  await widget.evaluate((element) => element.setAttribute('lang', 'es'));
  await widget.getByLabel('VIN').fill(VIN);
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByRole('img', { name: 'QR code of your inspection link' })).toBeVisible();
  await expect(widget.locator('.result')).toHaveAttribute('lang', 'en');
  // The customer still asked for Spanish: PAVE's capture app opens in it.
  expect((await createCalls(page))[0]?.body).toMatchObject({ session: { language: 'ES' } });
  expect(asked).toBe(1);
});

test('script tag: without the QR encoder file, a desktop still gets the link to open and copy', async ({ page, problems, context }) => {
  problems.allowFailedLoad(/pave-capture\.qr\.js$/);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.route('**/pave-capture.qr.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('/strict-csp.html');
  const widget = page.locator('pave-capture');
  await widget.getByLabel('VIN').fill(VIN);
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();

  const link = widget.getByRole('link', { name: /\/capture\// });
  await expect(link).toBeVisible();
  await expect(widget.getByRole('img', { name: 'QR code of your inspection link' })).toHaveCount(0);
  // Never an empty square: the link is the way, Copy link the primary action.
  await expect(widget.getByRole('heading', { name: 'Open this link on your phone' })).toBeVisible();
  await expect(widget.locator('.qr')).toHaveCount(0);
  await expect(widget.getByText('Point your phone’s camera at this code')).toHaveCount(0);
  await expect(widget.locator('button.primary')).toHaveText('Copy link');
  await widget.getByRole('button', { name: 'Copy link' }).click();
  await expect(widget.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.getAttribute('href'));
});

test('React 19: properties set by React, events received by React', async ({ page }) => {
  await page.goto('/react.html');
  const widget = page.locator('pave-capture');

  // `requireVin` is a property React sets (there is no attribute of that name): the VIN is mandatory.
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await expect(widget.getByText('Please enter the VIN.')).toBeVisible();
  await expect(widget).toHaveAttribute('require-vin', '');

  await page.getByLabel('VIN required').uncheck();
  await expect(widget).not.toHaveAttribute('require-vin');
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();

  const link = widget.getByRole('link', { name: /\/capture\// });
  await expect(page.locator('#react-state')).toHaveText('link');
  await expect(page.locator('#react-capture-url')).toHaveText((await link.getAttribute('href'))!);
});
