/**
 * A build step for the widget's Lit templates: minifiers leave template literals alone, so the
 * indentation of every `html`…`` and `css`…`` ships to the browser. This collapses it.
 *
 * - `css`: comments dropped, whitespace collapsed, and removed around `{ } ; , :` and `>`.
 * - `html` / `svg`: whitespace runs become one space; a space between a `>` and a `<` in the same static
 *   text goes (it renders nothing between block elements, and these templates hold no `<pre>`); a space
 *   next to an expression stays, since it may separate two words.
 *
 * Only the static parts change, never an expression; nested templates inside expressions are minified too.
 */
import type { Plugin } from 'vite';

type Kind = 'html' | 'css' | 'plain';

/** Minifies the tagged templates of one source file. */
export function minifyTemplates(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '`') {
      const { text, end } = template(source, i + 1, tagBefore(source, i));
      out += text;
      i = end;
    } else if (ch === '"' || ch === "'") {
      const end = quoted(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (ch === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (ch === '/' && source[i + 1] === '*') {
      const stop = source.indexOf('*/', i + 2) + 2;
      out += source.slice(i, stop);
      i = stop;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Which minifier applies to the template starting after index `tick`: the identifier right before it. */
function tagBefore(source: string, tick: number): Kind {
  const tag = /(\w+)\s*$/.exec(source.slice(Math.max(0, tick - 12), tick))?.[1];
  return tag === 'css' ? 'css' : tag === 'html' || tag === 'svg' ? 'html' : 'plain';
}

/** End index (after the closing quote) of a '…' or "…" string starting at `start`. */
function quoted(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Reads a template literal whose body starts at `start`; returns it (minified per `kind`) with its end. */
function template(source: string, start: number, kind: Kind): { text: string; end: number } {
  const statics: string[] = [];
  const expressions: string[] = [];
  let chunk = '';
  let i = start;
  while (source[i] !== '`') {
    if (source[i] === '\\') {
      chunk += source.slice(i, i + 2);
      i += 2;
    } else if (source[i] === '$' && source[i + 1] === '{') {
      statics.push(chunk);
      chunk = '';
      const end = expressionEnd(source, i + 2);
      expressions.push(minifyTemplates(source.slice(i + 2, end)));
      i = end + 1;
    } else {
      chunk += source[i];
      i++;
    }
  }
  statics.push(chunk);
  const minified = kind === 'plain' ? statics : kind === 'css' ? statics.map(css) : html(statics);
  let text = '`' + minified[0];
  expressions.forEach((expression, n) => (text += '${' + expression + '}' + minified[n + 1]));
  return { text: text + '`', end: i + 1 };
}

/** Index of the `}` closing an expression that starts at `start`, skipping strings, templates and braces. */
function expressionEnd(source: string, start: number): number {
  let depth = 0;
  let i = start;
  for (;;) {
    const ch = source[i];
    if (ch === undefined) throw new Error('minifyTemplates: unterminated template expression');
    if (ch === '}' && depth === 0) return i;
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (ch === '"' || ch === "'") i = quoted(source, i);
    else if (ch === '`') i = template(source, i + 1, 'plain').end;
    else i++;
  }
}

function css(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([\s:(,])0\.(\d)/g, '$1.$2')
    .replace(/\s+!important/g, '!important')
    .trim();
}

function html(statics: string[]): string[] {
  const last = statics.length - 1;
  return statics.map((text, n) => {
    let out = text.replace(/\s+/g, ' ').replace(/> </g, '><');
    if (n === 0) out = out.trimStart();
    if (n === last) out = out.trimEnd();
    return out;
  });
}

/** The Vite plugin: minifies the templates of `widget/` sources when building the library. */
export function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'pave-minify-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]widget[\\/].*\.ts$/.test(id) || !/\b(html|css|svg)`/.test(code)) return undefined;
      return { code: minifyTemplates(code), map: null };
    },
  };
}
