/**
 * Hand-off to the phone under `delivery="auto"`: a QR code on a desktop, a big button on a phone.
 */
import { devices, type Locator } from '@playwright/test';
import jsQR from 'jsqr';
import { createCalls, expect, nextEvent, test, VIN } from './fixtures.ts';

/** Rasterises the widget's QR SVG in the page and decodes it in Node with jsQR. */
async function decodeQr(qr: Locator): Promise<string | undefined> {
  const { data, side } = await qr.evaluate(async (svg) => {
    const side = 400;
    const markup = new XMLSerializer().serializeToString(svg);
    const image = new Image(side, side);
    image.src = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = side;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, side, side);
    return { data: Array.from(context.getImageData(0, 0, side, side).data), side };
  });
  return jsQR(Uint8ClampedArray.from(data), side, side)?.data;
}

test.describe('on a desktop', () => {
  test.beforeEach(async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
  });

  test('shows a QR code of the capture URL, its text alternative, and copies the link', async ({ page }) => {
    const widget = page.locator('pave-capture');
    await widget.getByLabel('VIN').fill(VIN);
    const created = nextEvent<{ capture_url: string; delivery: string }>(page, 'pave-session-created');
    await widget.getByRole('button', { name: 'Continue on my phone' }).click();

    const { capture_url, delivery } = await created;
    expect(delivery).toBe('link');
    const qr = widget.getByRole('img', { name: 'QR code of your inspection link' });
    await expect(qr).toBeVisible();
    expect(await decodeQr(qr)).toBe(capture_url);
    await expect(widget.getByRole('link', { name: capture_url })).toHaveAttribute('href', capture_url);
    await expect(widget.getByText('Scan with your phone')).toBeFocused();

    await widget.getByRole('button', { name: 'Copy link' }).click();
    await expect(widget.getByText('Link copied.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(capture_url);
  });

  test('offers to text the link instead, from the form or from the QR code', async ({ page }) => {
    const widget = page.locator('pave-capture');
    await widget.getByRole('button', { name: 'Continue on my phone' }).click();
    await expect(widget.getByRole('img', { name: /QR code/ })).toBeVisible();
    await widget.getByRole('button', { name: 'Text it to me instead' }).click();

    const phone = widget.getByLabel('Mobile phone');
    await expect(phone).toBeFocused();
    await phone.fill('2025550143');
    await widget.getByRole('button', { name: 'Text me the link' }).click();
    await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();
    expect((await createCalls(page)).map((call) => Boolean(call.body.sms))).toEqual([false, true]);

    await widget.getByRole('button', { name: 'Start over' }).click();
    await widget.getByRole('button', { name: 'Text it to me instead' }).click();
    await widget.getByRole('button', { name: 'Show a QR code instead' }).click();
    await expect(widget.getByLabel('Mobile phone')).toHaveCount(0);
  });
});

test.describe('on a phone', () => {
  const { defaultBrowserType: _chromium, ...pixel } = devices['Pixel 7']!;
  test.use(pixel);

  test('creates the session and offers a big Start inspection button that opens the capture URL', async ({ page, problems }) => {
    problems.allowFailedLoad(/\/favicon\.ico$/); // the sandbox's stand-in capture page has none
    const qrEncoder: string[] = [];
    page.on('request', (request) => {
      if (/\/qr\.ts(\?|$)|lean-qr|pave-capture\.qr\.js/.test(request.url())) qrEncoder.push(request.url());
    });
    await page.goto('/');
    const widget = page.locator('pave-capture');
    await expect(widget.getByRole('button', { name: 'Text it to me instead' })).toHaveCount(0);
    const created = nextEvent<{ capture_url: string; session_key: string }>(page, 'pave-session-created');
    await widget.getByRole('button', { name: 'Continue' }).click();

    const { capture_url, session_key } = await created;
    const start = widget.getByRole('link', { name: 'Start inspection' });
    await expect(start).toHaveAttribute('href', capture_url);
    await expect(widget.getByRole('img', { name: /QR code/ })).toHaveCount(0);
    const box = await start.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);

    // A phone never shows a QR code, so it never fetches the encoder.
    expect(qrEncoder).toEqual([]);

    await start.tap();
    await expect(page).toHaveURL(capture_url);
    await expect(page.getByText(session_key)).toBeVisible();
  });
});
