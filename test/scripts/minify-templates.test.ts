import { describe, expect, it } from 'vitest';
import { minifyTemplates } from '../../scripts/minify-templates.ts';

describe('minifyTemplates', () => {
  it('collapses html templates, keeping spaces next to expressions', () => {
    const source = 'const x = html`\n  <p class="a">\n    ${one} ${two}\n  </p>\n  <a href=${url}>link</a>\n`;';
    expect(minifyTemplates(source)).toBe('const x = html`<p class="a"> ${one} ${two} </p><a href=${url}>link</a>`;');
  });

  it('minifies templates nested in expressions, and leaves untagged ones alone', () => {
    const source = 'html`<div>\n  ${ok ? html`<b>\n  yes</b>` : `keep\n  this`}\n</div>`';
    expect(minifyTemplates(source)).toBe('html`<div> ${ok ? html`<b> yes</b>` : `keep\n  this`} </div>`');
  });

  it('minifies css: comments, whitespace, punctuation', () => {
    const source = 'css`\n  /* note */\n  :host {\n    color: red;\n  }\n  a,\n  b > c {\n    margin: calc(1px + 2px);\n  }\n`';
    expect(minifyTemplates(source)).toBe('css`:host{color:red}a,b>c{margin:calc(1px + 2px)}`');
  });

  it('skips strings and comments that contain backticks', () => {
    const source = "// a `comment`\nconst s = 'it`s'; /* `x` */ const t = html`<i>\n</i>`;";
    expect(minifyTemplates(source)).toBe("// a `comment`\nconst s = 'it`s'; /* `x` */ const t = html`<i></i>`;");
  });
});
