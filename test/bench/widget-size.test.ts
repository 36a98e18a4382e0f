import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, rowsFor } from '../../bench/widget-size.ts';
import type { Weight } from '../../bench/weigh.ts';

const weight = (gzip: number, parts: Weight['parts'] = []): Weight => ({ raw: gzip * 3, gzip, brotli: gzip - 100, parts });

describe('widget size rows', () => {
  it('reads the main file against the budget, lists its parts, then each file fetched on demand with the total a page that needs it loads', () => {
    const rows = rowsFor('Widget, script tag', {
      main: weight(13_000, [
        { group: 'Lit', bytes: 20_000, share: 0.5 },
        { group: 'tiny', bytes: 50, share: 0.001 },
      ]),
      onDemand: [
        { part: 'fr', file: 'dist/pave-capture.fr.js', weight: weight(1_400) },
        { part: 'qr', file: 'dist/pave-capture.qr.js', weight: weight(2_200) },
      ],
    });
    expect(rows).toEqual([
      { label: 'Widget, script tag', value: '13.0 KB gz · 12.9 KB br · 39.0 KB min', reference: '≤ 13.0 KB gz, aim 12.0 KB: within budget, over aim' },
      { label: '  Lit', value: '50% · ≈ 6.5 KB gz', reference: '' },
      {
        label: '  + French, on demand (dist/pave-capture.fr.js)',
        value: '1.4 KB gz · 1.3 KB br · 4.2 KB min',
        reference: 'pages in French only: 14.4 KB gz with the main file',
      },
      {
        label: '  + QR encoder, on demand (dist/pave-capture.qr.js)',
        value: '2.2 KB gz · 2.1 KB br · 6.6 KB min',
        reference: 'desktops that ask for a link only: 15.2 KB gz with the main file',
      },
    ]);
  });

  it('says so when the main file is over budget, and when it has no source map', () => {
    const rows = rowsFor('Widget', { main: weight(BUDGET_BYTES + 1), onDemand: [] });
    expect(rows[0]!.reference).toMatch(/OVER BUDGET$/);
    expect(rows[1]!.label).toBe('  (no source map: no breakdown)');
  });
});
