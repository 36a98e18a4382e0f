/**
 * widget/dist/custom-elements.json against what the element has, read from its source and from the class
 * itself — no list kept here: the parts its templates render, the events it dispatches (named by their own
 * classes), the attributes it observes, the custom properties its styles read and the slots it renders.
 * The manifest is what the framework typings and editor data are generated from, so a gap here is a gap there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as events from '../../widget/pave-capture/events.ts';
import { PaveCapture } from '../../widget/pave-capture/pave-capture.ts';
import { buildWidget } from '../fixtures/build-lock.ts';

const root = resolve(import.meta.dirname, '../..');
const ELEMENT_DIR = join(root, 'widget/pave-capture');
/** Every source file of the element (its templates are in views.ts today, but any of them may render). */
const sources = readdirSync(ELEMENT_DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(join(ELEMENT_DIR, name), 'utf8'));
/** The element's styles and the hand-off screens' (fetched with them). */
const styles = ['pave-capture.styles.ts', 'handoff.styles.ts'].map((name) => readFileSync(join(ELEMENT_DIR, name), 'utf8')).join('\n');

type Named = { name: string };
type Element = {
  tagName: string;
  attributes: (Named & { fieldName?: string; type?: { text: string } })[];
  members: (Named & { attribute?: string; type?: { text: string } })[];
  events: (Named & { type?: { text: string } })[];
  cssParts: (Named & { description?: string })[];
  cssProperties: (Named & { description?: string })[];
  slots: (Named & { description?: string })[];
};
type Manifest = { modules: { path: string; declarations: (Named & { customElement?: boolean })[]; exports: { kind: string; name: string; declaration: { name: string; module: string } }[] }[] };

let manifest: Manifest;
let element: Element;
let release: () => void;
beforeAll(async () => {
  release = await buildWidget(root);
  manifest = JSON.parse(readFileSync(join(root, 'widget/dist/custom-elements.json'), 'utf8'));
  element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.customElement) as unknown as Element;
}, 300_000);
afterAll(() => release?.());

const names = (list: Named[] | undefined) => (list ?? []).map((item) => item.name).sort();
const unique = (list: string[]) => [...new Set(list)].sort();

/** The names in every `part="…"` of the templates: plain words, and the string literals of `${…}` inside. */
function renderedParts(): string[] {
  return unique(
    sources.flatMap((text) =>
      [...text.matchAll(/\bpart="([^"]*)"/g)].flatMap(([, value]) => {
        const literals = [...value!.matchAll(/\$\{([^}]*)\}/g)].flatMap(([, expression]) => [...expression!.matchAll(/['`]([\w-]+)['`]/g)].map((m) => m[1]!));
        const words = value!.replace(/\$\{[^}]*\}/g, ' ').split(/\s+/).filter(Boolean);
        return [...words, ...literals];
      }),
    ),
  );
}

/** The event names the element dispatches: each `dispatchEvent(new X(` of its sources, named by constructing X. */
function dispatchedEvents(): string[] {
  const classes = unique(sources.flatMap((text) => [...text.matchAll(/dispatchEvent\(\s*new (\w+)\(/g)].map((m) => m[1]!)));
  return unique(
    classes.map((name) => {
      const EventClass = (events as unknown as Record<string, new (detail: never) => Event>)[name];
      expect(EventClass, `${name} is exported from events.ts`).toBeDefined();
      return new EventClass!({} as never).type;
    }),
  );
}

describe('custom-elements.json', () => {
  it('lists every part the templates render, each described', () => {
    const parts = renderedParts();
    expect(parts).toEqual(expect.arrayContaining(['vin-input', 'phone-input', 'button-primary', 'button-secondary']));
    expect(names(element.cssParts)).toEqual(parts);
    for (const part of element.cssParts) expect(part.description, part.name).toBeTruthy();
  });

  it('lists every event the element dispatches, typed by the CustomEvent subclass the package exports', () => {
    expect(names(element.events)).toEqual(dispatchedEvents());
    const exported = new Set(manifest.modules.flatMap((m) => m.exports.map((e) => e.name)));
    for (const event of element.events) {
      const type = event.type?.text ?? '';
      const EventClass = (events as unknown as Record<string, new (detail: never) => Event>)[type];
      expect(EventClass, `${event.name}'s type ${type}`).toBeDefined();
      expect(new EventClass!({} as never).type).toBe(event.name);
      expect(new EventClass!({} as never)).toBeInstanceOf(CustomEvent);
      expect(exported.has(type), `${type} exported`).toBe(true);
    }
  });

  it('lists exactly the attributes the element observes, with the types the compiler resolves', () => {
    expect(names(element.attributes)).toEqual([...PaveCapture.observedAttributes].sort());
    for (const attribute of element.attributes) {
      expect(attribute.fieldName, attribute.name).toBeTruthy();
      // Plain types only: a tool reading the manifest knows none of the widget's internal names.
      expect(attribute.type?.text, attribute.name).toMatch(/^(string|boolean|'[\w-]+'( \| '[\w-]+')*)$/);
    }
    expect(element.attributes.find((a) => a.name === 'delivery')?.type?.text).toBe("'auto' | 'link' | 'sms'");
  });

  it('lists every public property the element declares, and the read-only state', () => {
    const declared = Object.entries(PaveCapture.properties as Record<string, { state?: boolean }>)
      .filter(([name, options]) => !options.state && name !== 'langAttribute')
      .map(([name]) => name);
    expect(names(element.members)).toEqual(unique([...declared, 'state']));
  });

  it('lists every custom property the styles read, and every slot the templates render', () => {
    const read = unique([...styles.matchAll(/var\((--pave-[\w-]+)/g)].map((m) => m[1]!));
    expect(names(element.cssProperties)).toEqual(read);
    const slots = unique(sources.flatMap((text) => [...text.matchAll(/<slot name="([\w-]+)"/g)].map((m) => m[1]!)));
    expect(names(element.slots)).toEqual(slots);
    for (const item of [...element.cssProperties, ...element.slots]) expect(item.description, item.name).toBeTruthy();
    // Each custom property's default is its fallback in the styles (light scheme first).
    for (const property of element.cssProperties as (Named & { default?: string })[]) {
      const fallback = styles.match(new RegExp(`var\\(${property.name},\\s*([^)]+)\\)`))?.[1]?.trim();
      expect(property.default?.startsWith(fallback ?? '\u0000'), property.name).toBe(true);
    }
  });

  it('points only at files the package contains', () => {
    const paths = unique(manifest.modules.flatMap((m) => [m.path, ...m.exports.map((e) => e.declaration.module)]));
    expect(paths).toEqual(['dist/esm/index.js']);
    for (const path of paths) expect(existsSync(join(root, 'widget', path)), path).toBe(true);
    expect(manifest.modules[0]!.exports).toContainEqual({ kind: 'custom-element-definition', name: 'pave-capture', declaration: { name: 'PaveCapture', module: 'dist/esm/index.js' } });
  });
});
