/**
 * Which source each byte of a bundle came from, read from the bundle's source map (v3): every mapped
 * segment owns the generated text up to the next segment, across line ends — a multi-line template
 * literal (Lit's css and html) has mappings on its first line only. Text before the first segment and
 * after a segment without a source is the bundler's own ("unmapped").
 * Pure: the bundle's text and its map in, bytes per source out; the sum equals the bundle's UTF-8 size.
 * @see https://tc39.es/ecma426/ (Source Map format, "mappings")
 */

export interface SourceMapV3 {
  version: number;
  sources: (string | null)[];
  mappings: string;
  sourceRoot?: string;
}

/** The key under which bytes no source claims are counted. */
export const UNMAPPED = '(unmapped)';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((char, index) => [char, index]));

/**
 * Decodes one segment's Base64 VLQ fields.
 * @example decodeVlq('AAgBC') // [0, 0, 16, 1]
 */
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64_VALUE.get(char);
    if (digit === undefined) throw new SyntaxError(`source map: "${char}" is not a Base64 VLQ digit`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  if (shift !== 0) throw new SyntaxError('source map: a VLQ value is cut short');
  return values;
}

/** One decoded segment: where it starts in its generated line (UTF-16 column) and which source owns it. */
interface Segment {
  column: number;
  source: number | undefined;
}

/** Decodes `mappings` into segments per generated line, with absolute columns and source indexes. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0; // source index is relative across the whole map; column resets per line
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const text of line.split(',')) {
      if (!text) continue;
      const fields = decodeVlq(text);
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1]!;
        segments.push({ column, source });
      } else {
        segments.push({ column, source: undefined });
      }
    }
    // Generators emit segments in column order; sort anyway so a sloppy map cannot produce negative spans.
    segments.sort((a, b) => a.column - b.column);
    lines.push(segments);
  }
  return lines;
}

/**
 * UTF-8 bytes of `code` per source of its map (source paths as the map spells them) plus `UNMAPPED`.
 * @example bytesPerSource('ab', { version: 3, sources: ['x.ts'], mappings: 'AAAA' }) // Map { 'x.ts' => 2 }
 */
export function bytesPerSource(code: string, map: SourceMapV3): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (key: string, bytes: number) => {
    if (bytes > 0) totals.set(key, (totals.get(key) ?? 0) + bytes);
  };
  const lineSegments = decodeMappings(map.mappings);
  const lines = code.split('\n');
  let owner = UNMAPPED;
  lines.forEach((line, index) => {
    const segments = lineSegments[index] ?? [];
    let cursor = 0;
    for (const segment of segments) {
      const start = Math.min(segment.column, line.length);
      add(owner, utf8Length(line.slice(cursor, start)));
      cursor = Math.max(cursor, start);
      owner = segment.source === undefined ? UNMAPPED : (map.sources[segment.source] ?? UNMAPPED);
    }
    add(owner, utf8Length(line.slice(cursor)));
    if (index < lines.length - 1) add(owner, 1); // the line break
  });
  return totals;
}

const encoder = new TextEncoder();
function utf8Length(text: string): number {
  return text ? encoder.encode(text).length : 0;
}
