/**
 * Theming from the dealer's stylesheet: custom properties, ::part(), the page's font, the colour scheme
 * and reduced motion.
 */
import { expect, test } from './fixtures.ts';

test('custom properties and parts style the widget; the page font is inherited', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = `
      body { font-family: Georgia, serif; }
      pave-capture { --pave-color-primary: rgb(138, 21, 56); --pave-radius: 0px; }
      pave-capture::part(button-primary) { text-transform: uppercase; }
      pave-capture::part(input) { letter-spacing: 2px; }`;
    document.head.append(style);
  });
  const widget = page.locator('pave-capture');
  const button = widget.getByRole('button', { name: 'Continue on my phone' });
  const style = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, radius: s.borderTopLeftRadius, transform: s.textTransform, font: s.fontFamily };
  });
  expect(style).toEqual({ background: 'rgb(138, 21, 56)', radius: '0px', transform: 'uppercase', font: 'Georgia, serif' });
  expect(await widget.getByLabel('VIN').evaluate((el) => getComputedStyle(el).letterSpacing)).toBe('2px');
});

test.describe('dark scheme, reduced motion', () => {
  test.use({ colorScheme: 'dark', reducedMotion: 'reduce' });

  test('dark defaults, and no transition', async ({ page }) => {
    await page.goto('/');
    const button = page.locator('pave-capture').getByRole('button', { name: 'Continue on my phone' });
    const style = await button.evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, transition: getComputedStyle(el).transitionDuration }));
    expect(style).toEqual({ background: 'rgb(168, 199, 250)', transition: '0s' });
  });
});
