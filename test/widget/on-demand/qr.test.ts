/**
 * The QR path decodes back to the URL: modules are drawn from the path into an image and read with jsQR,
 * an independent decoder.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../../widget/on-demand/qr.ts';

/** Rasterises the path's rectangles (`Mx yhNv1h-Nz`) at `scale` pixels per module with a 4-module quiet zone. */
function render(size: number, d: string, scale = 4) {
  const side = (size + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < Number(run) * scale; dx++) {
        const offset = (((Number(y) + 4) * scale + dy) * side + (Number(x) + 4) * scale + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
    }
  }
  return { pixels, side };
}

describe('qrPath', () => {
  it.each([
    'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT',
    'http://127.0.0.1:8898/capture/DMO-7K2P9QX4ZT',
    `https://main-street-motors-of-springfield.vehiclecapture.com/ABCD-${'X'.repeat(10)}?lang=fr`,
  ])('encodes %s', (url) => {
    const { size, d } = qrPath(url);
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0);
    const { pixels, side } = render(size, d);
    expect(jsQR(pixels, side, side)?.data).toBe(url);
  });
});
