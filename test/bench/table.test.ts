import { describe, expect, it } from 'vitest';
import { formatMarkdown, formatTable } from '../../bench/table.ts';

const rows = [
  { label: 'Widget', value: '11.2 KB gz', reference: '≤ 14.0 KB gz' },
  { label: '  Lit', value: '52%', reference: '' },
];

describe('formatTable', () => {
  it('aligns the columns under a header and a rule, without trailing spaces', () => {
    expect(formatTable(rows)).toBe(
      [
        'figure  measured    budget / baseline',
        '──────  ──────────  ─────────────────',
        'Widget  11.2 KB gz  ≤ 14.0 KB gz',
        '  Lit   52%',
      ].join('\n'),
    );
  });
});

describe('formatMarkdown', () => {
  it('writes a GitHub table, keeps detail rows indented and escapes pipes', () => {
    const markdown = formatMarkdown([...rows, { label: 'a|b', value: '1', reference: '' }]);
    expect(markdown.split('\n')).toEqual([
      '| figure | measured | budget / baseline |',
      '|---|---|---|',
      '| Widget | 11.2 KB gz | ≤ 14.0 KB gz |',
      '| \u00a0\u00a0\u00a0\u00a0Lit | 52% |  |',
      '| a\\|b | 1 |  |',
    ]);
  });
});
