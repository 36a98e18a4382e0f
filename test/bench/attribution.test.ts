import { describe, expect, it } from 'vitest';
import { GLUE, groupBytes, groupOf, OWN_CODE, packageOf, STRINGS, STYLES } from '../../bench/attribution.ts';
import { UNMAPPED } from '../../bench/sourcemap.ts';

describe('groupOf', () => {
  it('puts every Lit package under Lit', () => {
    for (const source of [
      '../node_modules/lit-html/lit-html.js',
      '../node_modules/lit-element/lit-element.js',
      '../node_modules/@lit/reactive-element/decorators/property.js',
      '../../node_modules/lit/index.js',
    ]) {
      expect(groupOf(source)).toBe('Lit');
    }
  });

  it('names the QR encoder and zod', () => {
    expect(groupOf('../node_modules/lean-qr/index.mjs')).toBe('QR encoder (lean-qr)');
    expect(groupOf('../node_modules/zod/v4/mini/schemas.js')).toBe('zod');
  });

  it('reports an unknown package under its npm name, scoped or not', () => {
    expect(groupOf('../node_modules/uqr/dist/index.mjs')).toBe('uqr');
    expect(groupOf('../node_modules/@scope/pkg/index.js')).toBe('@scope/pkg');
  });

  it('splits the widget into strings, styles and own code', () => {
    expect(groupOf('../widget/strings/fr.ts')).toBe(STRINGS);
    expect(groupOf('../widget/pave-capture/pave-capture.styles.ts')).toBe(STYLES);
    expect(groupOf('../widget/core/machine.ts')).toBe(OWN_CODE);
    expect(groupOf('..\\widget\\vin.ts')).toBe(OWN_CODE);
  });

  it('calls unmapped bytes bundler glue and keeps any other path readable', () => {
    expect(groupOf(UNMAPPED)).toBe(GLUE);
    expect(groupOf('../../vite/preload-helper.js')).toBe('vite/preload-helper.js');
  });
});

describe('packageOf', () => {
  it('takes the innermost node_modules', () => {
    expect(packageOf('node_modules/a/node_modules/@b/c/x.js')).toBe('@b/c');
    expect(packageOf('widget/index.ts')).toBeUndefined();
  });
});

describe('groupBytes', () => {
  it('sums sources per group, largest first', () => {
    const perSource = new Map([
      ['../widget/a.ts', 10],
      ['../node_modules/lit-html/lit-html.js', 30],
      ['../widget/b.ts', 15],
      [UNMAPPED, 1],
    ]);
    expect(groupBytes(perSource)).toEqual([
      { group: 'Lit', bytes: 30 },
      { group: OWN_CODE, bytes: 25 },
      { group: GLUE, bytes: 1 },
    ]);
  });
});
