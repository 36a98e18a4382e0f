#!/usr/bin/env node
/**
 * Part of `npm run build`: writes dist/custom-elements.json, the Custom Elements Manifest that IDEs,
 * Storybook and documentation tools read (attributes, properties, events, CSS parts and properties),
 * generated from the element's source and JSDoc with @custom-elements-manifest/analyzer and its Lit
 * plugin. Generated at build time, never committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

const SOURCES = ['widget/index.ts', 'widget/pave-capture/pave-capture.ts', 'widget/pave-capture/events.ts'];
/** Where the element's CSS parts and custom properties are documented: beside the styles that use them. */
const THEMING = 'widget/pave-capture/pave-capture.styles.ts';
const OUT = 'widget/dist/custom-elements.json';

const modules = SOURCES.map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
const manifest = create({ modules, plugins: [...litPlugin(), themingFrom(THEMING), publicSurfaceOnly()] });
writeFileSync(OUT, `${JSON.stringify(manifest, null, 2)}\n`);

const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement);
console.log(
  `manifest: <${element?.tagName}> with ${element?.attributes?.length ?? 0} attributes, ${element?.events?.length ?? 0} events, ` +
    `${element?.cssParts?.length ?? 0} parts, ${element?.cssProperties?.length ?? 0} CSS properties → ${OUT}`,
);

/**
 * The analyzer reads `@csspart` and `@cssprop` from the element's class comment only; the element documents
 * its theming surface in its styles file instead, so this adds those tags to the element, in their order.
 */
function themingFrom(path) {
  const text = readFileSync(path, 'utf8');
  const tagged = (tag) => [...text.matchAll(new RegExp(`^\\s*\\* @${tag} (\\S+) - (.+)$`, 'gm'))].map(([, name, description]) => ({ description, name }));
  return {
    name: 'pave-theming',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (!declaration.customElement) continue;
        declaration.cssParts = [...(declaration.cssParts ?? []), ...tagged('csspart')];
        declaration.cssProperties = [...(declaration.cssProperties ?? []), ...tagged('cssprop')];
      }
    },
  };
}

/**
 * The analyzer also lists `dispatchEvent(new X(…))` calls as nameless events, private members and
 * internal state; the manifest describes what a dealer can use, so those go.
 */
function publicSurfaceOnly() {
  return {
    name: 'pave-public-surface',
    packageLinkPhase({ customElementsManifest }) {
      const published = (path) => path.replace(/^(\.\/|\/)?(widget\/)?(.*)\.ts$/, 'dist/esm/$3.js');
      for (const module of customElementsManifest.modules) {
        module.path = published(module.path);
        for (const entry of module.exports ?? []) {
          if (entry.declaration?.module) entry.declaration.module = published(entry.declaration.module);
          if (entry.kind === 'custom-element-definition') entry.name = 'pave-capture';
        }
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          // Internal state is declared in `static properties` with `state: true`: no attribute for it.
          const hidden = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
          if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => a.name === 'lang' || !hidden.has(a.fieldName));
          if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static);
          // `lang` is the platform's own attribute, observed through a private field: keep the attribute, not the field.
          for (const attribute of declaration.attributes ?? []) if (attribute.name === 'lang') delete attribute.fieldName;
        }
      }
    },
  };
}
