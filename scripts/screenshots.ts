/**
 * `npm run screenshots`: the README's pictures of the widget, taken in Chromium from the running demo
 * (`npm start` in another terminal; DEMO_URL if it is not on the default port). Writes docs/*.png.
 */
import { chromium, devices } from '@playwright/test';

const base = process.env.DEMO_URL ?? 'http://localhost:5173';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIN = '1HGCM82633A004352';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  // Desktop: the QR code hand-off, the widget alone.
  const desktop = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await desktop.goto(`${base}/`);
  const widget = desktop.locator('pave-capture');
  await widget.getByLabel('VIN').fill(VIN);
  await widget.getByRole('button', { name: 'Continue on my phone' }).click();
  await widget.getByRole('img', { name: /QR code/ }).waitFor();
  await widget.evaluate((el) => (document.activeElement as HTMLElement | null)?.blur() ?? el);
  await widget.screenshot({ path: 'docs/desktop-qr.png', scale: 'css', animations: 'disabled' });

  // Phone: the big "Start inspection" button, the whole screen.
  const { defaultBrowserType: _chromium, ...pixel } = devices['Pixel 7']!;
  const context = await browser.newContext({ ...pixel, deviceScaleFactor: 1 });
  const phone = await context.newPage();
  await phone.goto(`${base}/`);
  await phone.locator('pave-capture').getByRole('button', { name: 'Continue' }).click();
  await phone.locator('pave-capture').getByRole('link', { name: 'Start inspection' }).waitFor();
  await phone.locator('pave-capture').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await phone.screenshot({ path: 'docs/phone.png', animations: 'disabled' });
  console.log('docs/desktop-qr.png, docs/phone.png');
} finally {
  await browser.close();
}
