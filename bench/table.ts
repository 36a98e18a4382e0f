/**
 * The bench's one table: every figure contributes rows of "what · measured · budget or baseline".
 * Pure: rows in, text out — a fixed-width table for the terminal and a Markdown table for the README.
 */

export interface Row {
  /** What was measured; a leading "  " marks a detail row under the figure above it. */
  label: string;
  value: string;
  /** The budget, goal or baseline the value is read against ("" when none). */
  reference: string;
}

/** What one figure hands the runner: its rows, its raw numbers (for the JSON file) and any caveats. */
export interface FigureResult {
  id: string;
  title: string;
  rows: Row[];
  data: Record<string, unknown>;
  notes: string[];
}

const HEADER: Row = { label: 'figure', value: 'measured', reference: 'budget / baseline' };

/**
 * @example formatTable([{ label: 'a', value: '1', reference: '≤ 2' }])
 */
export function formatTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows];
  const width = (pick: (row: Row) => string) => Math.max(...all.map((row) => pick(row).length));
  const widths = [width((r) => r.label), width((r) => r.value), width((r) => r.reference)] as const;
  const line = (row: Row) =>
    [row.label.padEnd(widths[0]), row.value.padEnd(widths[1]), row.reference].join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(HEADER), rule, ...rows.map(line)].join('\n');
}

/** The same rows as a GitHub Markdown table; detail rows are indented with non-breaking spaces. */
export function formatMarkdown(rows: readonly Row[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/^( +)/, (spaces) => '\u00a0'.repeat(spaces.length * 2));
  const line = (row: Row) => `| ${cell(row.label)} | ${cell(row.value)} | ${cell(row.reference)} |`;
  return [line(HEADER), '|---|---|---|', ...rows.map(line)].join('\n');
}
