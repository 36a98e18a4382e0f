#!/usr/bin/env node
/**
 * Part of `npm run build`: writes widget/dist/custom-elements.json, the Custom Elements Manifest that IDEs,
 * Storybook, documentation tools and the framework typings (scripts/integrations.mjs) read: attributes,
 * properties, events with their types, slots, CSS parts and properties. Generated from the element's source
 * and JSDoc with @custom-elements-manifest/analyzer and its Lit plugin, at build time, never committed.
 *
 * What the analyzer cannot see is added from the source, never from a list kept here:
 * - the CSS parts and custom properties, documented (`@csspart`, `@cssprop`) beside the styles that use them,
 *   each custom property with its default (its `var()` fallback there);
 * - each event's type: the `CustomEvent` subclass of events.ts whose constructor names that event;
 * - the types of properties as the compiler resolves them (`'auto' | 'link' | 'sms'`, not `'auto' | Delivery`),
 *   so a tool reading the manifest needs none of the widget's internal names;
 * - one module, `dist/esm/index.js`, the file of the package that exports all of it (the sources'
 *   own paths are not in the package: the ES module build bundles them).
 *
 * test/widget/manifest.test.ts compares the result with the parts the templates render, the events the
 * element dispatches, its observed attributes and the custom properties its styles read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

const ELEMENT = 'widget/pave-capture/pave-capture.ts';
const EVENTS = 'widget/pave-capture/events.ts';
const SOURCES = ['widget/index.ts', ELEMENT, EVENTS];
/**
 * Where the element's CSS parts and custom properties are documented: beside the styles that use them (the
 * first file); the hand-off screens' rules, fetched with them, read a few too (their defaults are read there).
 */
const THEMING = ['widget/pave-capture/pave-capture.styles.ts', 'widget/pave-capture/handoff.styles.ts'];
/** The package's ES module entry: what `import 'pave-capture'` loads, and what exports everything below. */
const MODULE = 'dist/esm/index.js';
const OUT = 'widget/dist/custom-elements.json';

/** The manifest, built from the sources in the working directory (the repository's root). */
export function buildManifest() {
  const modules = SOURCES.map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
  return create({ modules, plugins: [...litPlugin(), themingFrom(...THEMING), publicSurfaceOnly(), resolvedTypes(), eventTypes(), oneModule()] });
}

/** The element's declaration in a manifest. */
export function elementOf(manifest) {
  return manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement);
}

/**
 * The `CustomEvent` subclasses of events.ts: `{ className, detail, name }` — the class, its `detail`'s
 * type and the event name its constructor passes to `super`.
 */
export function eventClasses(path = EVENTS) {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  return source.statements.filter(ts.isClassDeclaration).flatMap((node) => {
    const base = node.heritageClauses?.flatMap((clause) => clause.types).find((type) => type.expression.getText(source) === 'CustomEvent');
    const detail = base?.typeArguments?.[0]?.getText(source);
    let name;
    const visit = (child) => {
      if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword && ts.isStringLiteral(child.arguments[0])) name = child.arguments[0].text;
      else ts.forEachChild(child, visit);
    };
    ts.forEachChild(node, visit);
    return base && name && node.name ? [{ className: node.name.text, detail, name }] : [];
  });
}

/**
 * The analyzer reads `@csspart` and `@cssprop` from the element's class comment only; the element documents
 * its theming surface in its styles file instead, so this adds those tags to the element, in their order.
 */
function themingFrom(...paths) {
  const text = paths.map((path) => readFileSync(path, 'utf8')).join('\n');
  const tagged = (tag) => [...text.matchAll(new RegExp(`^\\s*\\* @${tag} (\\S+) - (.+)$`, 'gm'))].map(([, name, description]) => ({ description, name }));
  return {
    name: 'pave-theming',
    packageLinkPhase({ customElementsManifest }) {
      const element = elementOf(customElementsManifest);
      element.cssParts = [...(element.cssParts ?? []), ...tagged('csspart')];
      // Each custom property's default is the fallback of its `var()` in the styles: the light scheme's, then the dark one's.
      const fallbacks = (name) => [...new Set([...text.matchAll(/var\((--pave-[\w-]+),\s*([^)]+)\)/g)].filter((m) => m[1] === name).map((m) => m[2].trim()))];
      const withDefault = (property) => {
        const [light, dark] = fallbacks(property.name);
        return light ? { ...property, default: dark ? `${light} (dark: ${dark})` : light } : property;
      };
      element.cssProperties = [...(element.cssProperties ?? []), ...tagged('cssprop')].map(withDefault);
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
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
        // Internal state is declared in `static properties` with `state: true`: no attribute for it.
        const hidden = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => a.name === 'lang' || !hidden.has(a.fieldName));
        if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static);
        // `lang` is the platform's own attribute and property (HTMLElement's `lang`), observed through a private field.
        for (const attribute of declaration.attributes ?? []) if (attribute.name === 'lang') Object.assign(attribute, { fieldName: 'lang', type: { text: 'string' } });
      }
    },
  };
}

/** Each public member's and attribute's type as the compiler resolves it, with no names internal to the widget. */
function resolvedTypes() {
  return {
    name: 'pave-resolved-types',
    packageLinkPhase({ customElementsManifest }) {
      const types = memberTypes(ELEMENT, 'PaveCapture');
      const element = elementOf(customElementsManifest);
      for (const member of element.members ?? []) if (types.has(member.name)) member.type = { text: types.get(member.name) };
      for (const attribute of element.attributes ?? []) if (types.has(attribute.fieldName)) attribute.type = { text: types.get(attribute.fieldName) };
    },
  };
}

/** `name → type text` for the public instance members of `className` in `file`. */
function memberTypes(file, className) {
  const { options } = ts.parseJsonConfigFileContent(ts.readConfigFile('tsconfig.json', ts.sys.readFile).config, ts.sys, '.');
  const program = ts.createProgram([file], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const node = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === className);
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  const types = new Map();
  for (const property of checker.getPropertiesOfType(checker.getTypeAtLocation(node))) {
    types.set(property.name, checker.typeToString(checker.getTypeOfSymbolAtLocation(property, node), undefined, flags));
  }
  return types;
}

/** Each event gets its type: the `CustomEvent` subclass that carries it (exported by the package). */
function eventTypes() {
  return {
    name: 'pave-event-types',
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map(eventClasses().map((event) => [event.name, event]));
      for (const event of elementOf(customElementsManifest).events ?? []) {
        const found = classes.get(event.name);
        if (!found) throw new Error(`manifest: @fires ${event.name} has no CustomEvent subclass in ${EVENTS}`);
        event.type = { text: found.className };
      }
    },
  };
}

/**
 * The sources' paths (widget/pave-capture/pave-capture.ts…) are bundled into one file of the package: every
 * declaration is described as what `dist/esm/index.js` exports. Type-only exports have no place here.
 */
function oneModule() {
  return {
    name: 'pave-one-module',
    packageLinkPhase({ customElementsManifest }) {
      const declarations = customElementsManifest.modules.flatMap((m) => m.declarations ?? []);
      const element = elementOf(customElementsManifest);
      customElementsManifest.modules = [
        {
          kind: 'javascript-module',
          path: MODULE,
          declarations,
          exports: [
            ...declarations.map((d) => ({ kind: 'js', name: d.name, declaration: { name: d.name, module: MODULE } })),
            { kind: 'custom-element-definition', name: element.tagName, declaration: { name: element.name, module: MODULE } },
          ],
        },
      ];
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const manifest = buildManifest();
  writeFileSync(OUT, `${JSON.stringify(manifest, null, 2)}\n`);
  const element = elementOf(manifest);
  console.log(
    `manifest: <${element?.tagName}> with ${element?.attributes?.length ?? 0} attributes, ${element?.events?.length ?? 0} events, ` +
      `${element?.cssParts?.length ?? 0} parts, ${element?.cssProperties?.length ?? 0} CSS properties, ${element?.slots?.length ?? 0} slots → ${OUT}`,
  );
}
