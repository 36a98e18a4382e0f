/**
 * The capture URL as a QR code, drawn as one SVG path (no canvas, no `style=`, nothing strict CSP objects to).
 * lean-qr's `nano` build (≈2 KB min+gzip) picks the version and mask; this file only turns its modules into a path.
 */
import { correction, generate } from 'lean-qr/nano';

interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** SVG path data, one `h…v1h…z` rectangle per run of dark modules on a row. */
  d: string;
}

/**
 * @example const { size, d } = qrPath('https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT')
 */
export function qrPath(text: string): QrPath {
  // Level M survives a phone camera at an angle and a smudged screen; URLs stay at small versions.
  const code = generate(text, { minCorrectionLevel: correction.M });
  let d = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; ) {
      if (!code.get(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (code.get(x + run, y)) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return { size: code.size, d };
}
