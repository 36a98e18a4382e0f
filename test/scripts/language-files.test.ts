import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageFile, languageFileName } from '../../scripts/language-files.ts';
import fr from '../../widget/strings/fr.ts';

const root = resolve(import.meta.dirname, '../..');

describe('language files of the script-tag build', () => {
  it('are named after the script, one per language', () => {
    expect(languageFileName('fr')).toBe('pave-capture.fr.js');
  });

  it('are minified ES modules whose default export is the language’s strings, functions included', async () => {
    const path = resolve(root, 'widget/strings/fr.ts');
    const code = await languageFile(readFileSync(path, 'utf8'), path);
    expect(code).not.toMatch(/satisfies|import type|\n\s{2}/);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: typeof fr };
    expect(module.default.startInspection).toBe(fr.startInspection);
    expect(module.default.status).toEqual(fr.status);
    expect(module.default.smsSent('•••-•••-4567')).toBe(fr.smsSent('•••-•••-4567'));
  });
});
