import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesPerSource, decodeVlq, UNMAPPED, type SourceMapV3 } from '../../bench/sourcemap.ts';

const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);

describe('decodeVlq', () => {
  it('decodes single-digit, multi-digit and negative values', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('AAgBC')).toEqual([0, 0, 16, 1]);
    expect(decodeVlq('D')).toEqual([-1]);
    expect(decodeVlq('2H')).toEqual([123]);
  });

  it('refuses a character outside Base64 and a value cut short', () => {
    expect(() => decodeVlq('A!')).toThrow(SyntaxError);
    expect(() => decodeVlq('g')).toThrow(/cut short/);
  });
});

describe('bytesPerSource', () => {
  it('gives each segment the text up to the next one, across lines without mappings', () => {
    // line 0: a.ts from column 0, b.ts from column 4; line 1 has no mappings (a template literal goes on)
    const map: SourceMapV3 = { version: 3, sources: ['a.ts', 'b.ts'], mappings: 'AAAA,ICAA;' };
    const result = bytesPerSource('abc;de\nfgh', map);
    expect(Object.fromEntries(result)).toEqual({ 'a.ts': 4, 'b.ts': 6 });
  });

  it('counts text before the first segment and after a segment without a source as unmapped', () => {
    const map: SourceMapV3 = { version: 3, sources: ['a.ts'], mappings: 'EAAA,E' }; // a.ts at column 2, sourceless at 4
    expect(Object.fromEntries(bytesPerSource('xxaayy', map))).toEqual({ [UNMAPPED]: 4, 'a.ts': 2 });
  });

  it('counts UTF-8 bytes, not UTF-16 columns', () => {
    const map: SourceMapV3 = { version: 3, sources: ['strings.ts', 'code.ts'], mappings: 'AAAA,CCAA' };
    expect(Object.fromEntries(bytesPerSource('•x', map))).toEqual({ 'strings.ts': 3, 'code.ts': 1 });
  });

  describe('on a real minified bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-sourcemap-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('accounts for every byte and finds both sources', async () => {
      writeFileSync(join(dir, 'words.ts'), "export const words = { hello: 'Hello, world — “quoted”', bye: 'Goodbye' };\n");
      writeFileSync(
        join(dir, 'main.ts'),
        "import { words } from './words.ts';\nexport function greet(name: string) {\n  return `${words.hello}, ${name}!\n${words.bye}`;\n}\n",
      );
      const result = await build({
        entryPoints: [join(dir, 'main.ts')],
        bundle: true,
        minify: true,
        format: 'esm',
        sourcemap: 'external',
        outfile: join(dir, 'out.js'),
        write: false,
        logLevel: 'silent',
      });
      const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
      const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))!.text) as SourceMapV3;
      const perSource = bytesPerSource(code, map);

      expect(sum(perSource)).toBe(Buffer.byteLength(code));
      expect(perSource.get('words.ts')).toBeGreaterThan(20);
      expect(perSource.get('main.ts')).toBeGreaterThan(10);
    });
  });
});
