import { describe, expect, it } from 'vitest';
import { brotliBytes, gzipBytes, weigh } from '../../bench/weigh.ts';
import type { SourceMapV3 } from '../../bench/sourcemap.ts';

describe('weigh', () => {
  const code = 'const a="'.concat('x'.repeat(200), '";\nexport{a};');

  it('reports raw, gzip and brotli bytes of the code as given', () => {
    const weight = weigh(code);
    expect(weight.raw).toBe(Buffer.byteLength(code));
    expect(weight.gzip).toBe(gzipBytes(code));
    expect(weight.brotli).toBe(brotliBytes(code));
    expect(weight.gzip).toBeLessThan(weight.raw);
    expect(weight.parts).toEqual([]);
  });

  it('splits the minified bytes into parts whose shares add up to one', () => {
    // line 0: lit-html from column 0, the widget from column 10; line 1 continues the widget
    const map: SourceMapV3 = { version: 3, sources: ['../node_modules/lit-html/lit-html.js', '../widget/vin.ts'], mappings: 'AAAA,UCAA;' };
    const weight = weigh(code, map);
    expect(weight.parts.map((part) => part.group)).toEqual(['own code', 'Lit']);
    expect(weight.parts.find((part) => part.group === 'Lit')!.bytes).toBe(10);
    expect(weight.parts.reduce((sum, part) => sum + part.share, 0)).toBeCloseTo(1, 10);
  });
});
