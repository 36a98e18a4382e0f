#!/usr/bin/env node
/**
 * Part of `npm run build`, after scripts/manifest.mjs: what editors and frameworks need, generated from
 * widget/dist/custom-elements.json with the tools made for it (break-stuff's cem-tools):
 *
 *   web-types.json                JetBrains IDEs (custom-element-jet-brains-integration); package.json "web-types"
 *   vscode.html-custom-data.json  VS Code HTML data, and vscode.css-custom-data.json for the custom properties
 *                                 and parts (custom-element-vs-code-integration)
 *   types/vue.d.ts                Vue: `GlobalComponents` (custom-element-vuejs-integration); `vue-tsc` checks
 *                                 templates against it
 *   types/jsx.d.ts                JSX props of the element (custom-element-jsx-integration), which the small
 *                                 hand-kept files below plug into each framework's `IntrinsicElements`:
 *   types/react.d.ts, types/preact.d.ts, types/solid.d.ts, types/vue-jsx.d.ts
 *   types/script-tag.d.ts         what `import 'pave-capture/pave-capture.js'` (the script-tag build) declares
 *   types/svelte.d.ts             Svelte: `svelteHTML.IntrinsicElements` (custom-element-svelte-integration), with
 *                                 Svelte 5's event attributes (`onpave-error`) beside its `on:pave-error`
 *
 * The tools type an event handler as `(e: CustomEvent<T>) => void` with T the manifest's event type; the
 * manifest names the event's class (`PaveErrorEvent`), so the tools get its `detail` type (`ErrorDetail`).
 * Attribute and property types are `PaveCapture['delivery']` and so on: the element's own declarations.
 * test/widget/frameworks.test.ts type-checks a Vue, a React and a Svelte project against these files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventClasses } from './manifest.mjs';

const WIDGET = resolve('widget');
const DIST = join(WIDGET, 'dist');
const TYPES = join(DIST, 'types');
/** From dist/types/*.d.ts, the package's ES module types (PaveCapture, the events' detail types). */
const PACKAGE_TYPES = '../esm/index.js';

const manifest = JSON.parse(readFileSync(join(DIST, 'custom-elements.json'), 'utf8'));
const details = new Map(eventClasses().map((event) => [event.className, event.detail]));
mkdirSync(TYPES, { recursive: true });

/** The manifest as the type generators read it: events typed by their detail, read-only members left out (nobody sets `state`). */
const forTypes = structuredClone(manifest);
for (const declaration of forTypes.modules.flatMap((m) => m.declarations ?? [])) {
  for (const event of declaration.events ?? []) event.type = { text: details.get(event.type?.text) ?? 'unknown' };
  if (declaration.members) declaration.members = declaration.members.filter((member) => !member.readonly);
}

// The JetBrains generator reads package.json from the working directory (the package's name and version): run from widget/.
process.chdir(WIDGET);
const quiet = { hideLogs: true };
const { generateJetBrainsWebTypes } = await import('custom-element-jet-brains-integration');
const { generateVsCodeCustomElementData } = await import('custom-element-vs-code-integration');
const { generateVuejsTypes } = await import('custom-element-vuejs-integration');
const { generateJsxTypes } = await import('custom-element-jsx-integration');
const { generateSvelteTypes } = await import('custom-element-svelte-integration');

generateJetBrainsWebTypes(manifest, { ...quiet, outdir: 'dist', webTypesFileName: 'web-types.json', modulePathTemplate: () => 'dist/esm/index.js' });
generateVsCodeCustomElementData(manifest, { ...quiet, outdir: 'dist', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' });
generateVuejsTypes(forTypes, { ...quiet, outdir: 'dist/types', fileName: 'vue.d.ts', globalTypePath: PACKAGE_TYPES });
generateJsxTypes(forTypes, { ...quiet, outdir: 'dist/types', fileName: 'jsx.d.ts', globalTypePath: PACKAGE_TYPES });
generateSvelteTypes(forTypes, { ...quiet, outdir: 'dist/types', fileName: 'svelte.d.ts', globalTypePath: PACKAGE_TYPES });

// vue-tsc reads a template as Vue runs it: `:require-vin` is the prop `requireVin`, `@pave-error` the listener
// `onPaveError`. The generator writes the attributes' names (`"require-vin"`, `"onpave-error"`), which no template
// reaches: camelCase them.
const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
edit('vue.d.ts', (text) => text.replace(/^(\s*)"on([a-z][\w-]*)"\?:/gm, (_, indent, event) => `${indent}on${camel(`-${event}`)}?:`).replace(/^(\s*)"([a-z][\w-]*)"\?:/gm, (_, indent, name) => `${indent}${camel(name)}?:`), '"onpave-');
// The same props, camelCased, serve Vue TSX (vue-jsx.d.ts): Vue's JSX listeners are `onPaveError` too.
edit('vue.d.ts', (text) => `${text.trimEnd()}\n\n/** The element's props and listeners as Vue names them (templates and TSX). */\nexport type PaveCaptureVueProps = PaveCaptureProps;\n`, 'type PaveCaptureProps = {');
// Vue's generated file also puts Vue components into the global `JSX` namespace, which is React's or
// nobody's: Vue TSX gets the element's JSX props in vue-jsx.d.ts instead.
edit('vue.d.ts', (text) => text.replace(/\n\s*declare global \{\s*namespace JSX \{[\s\S]*?\n\s*\}\s*\n\s*\}\s*$/, '\n'), 'declare global');
// Svelte 5 writes event handlers as attributes (`onpave-error={…}`); the generator writes Svelte 4's `on:pave-error`. Both.
edit('svelte.d.ts', (text) => text.replace(/^(\s*)"on:([\w-]+)"\?: (.+);$/gm, '$1"on:$2"?: $3;\n$1"on$2"?: $3;'), '"on:');
// The generated file imports the element's types, so it is a module: its `svelteHTML` must be declared global to
// reach svelte-check. Its base props name Solid's `JSX` (no such namespace in Svelte): a style is a string, children are Svelte's.
edit(
  'svelte.d.ts',
  (text) =>
    text
      .replace(/^declare namespace svelteHTML \{([\s\S]*)\}\s*$/m, 'declare global {\n  namespace svelteHTML {$1}\n}\n')
      .replace(/^\s*children\?: JSX\.Element;\n/m, '')
      .replace('style?: JSX.CSSProperties;', 'style?: string;'),
  'declare namespace svelteHTML',
);

/** The hand-kept part: each JSX framework's `IntrinsicElements`, extended with the generated props. */
const jsx = (module, namespace = 'JSX') => `/**
 * \`<pave-capture>\` in ${module}'s JSX: \`import type {} from 'pave-capture/${module === 'vue/jsx-runtime' ? 'vue-jsx' : module.replace(/-js$/, '')}';\` once (or list it in
 * tsconfig's \`types\`). The props are generated from custom-elements.json (./jsx.d.ts).
 */
import type { CustomElements } from './jsx.js';

declare module '${module}' {
  namespace ${namespace} {
    interface IntrinsicElements extends CustomElements {}
  }
}
`;
writeFileSync(join(TYPES, 'react.d.ts'), jsx('react'));
writeFileSync(join(TYPES, 'preact.d.ts'), jsx('preact'));
writeFileSync(join(TYPES, 'solid.d.ts'), jsx('solid-js'));
// Vue TSX passes props to Vue as a template does: the camelCased props of vue.d.ts, with Vue's own HTML attributes.
writeFileSync(
  join(TYPES, 'vue-jsx.d.ts'),
  `/**
 * \`<pave-capture>\` in Vue TSX (\`jsxImportSource: "vue"\`): \`import type {} from 'pave-capture/vue-jsx';\` once. The props are
 * generated from custom-elements.json (./vue.d.ts), named as Vue names them: \`requireVin\`, \`onPaveError\`.
 */
import type { HTMLAttributes, ReservedProps } from 'vue';
import type { PaveCaptureVueProps } from './vue.js';

declare module 'vue/jsx-runtime' {
  namespace JSX {
    interface IntrinsicElements {
      'pave-capture': PaveCaptureVueProps & Omit<HTMLAttributes, keyof PaveCaptureVueProps> & ReservedProps;
    }
  }
}
`,
);
// `pave-capture/pave-capture.js` is the script-tag build: importing it registers the element and exports
// nothing (as a classic script it sets `window.PaveCapture`, the ES module's exports but `loadLanguage`).
writeFileSync(
  join(TYPES, 'script-tag.d.ts'),
  `/** The script-tag build (dist/pave-capture.js): loading it registers <pave-capture>; as a classic script it sets \`window.PaveCapture\`. */
import '../esm/index.js';
export {};
declare global {
  var PaveCapture: typeof import('../esm/script-tag.js');
}
`,
);
// Each subpath is importable at run time too (`import 'pave-capture/react'` finds a module that does nothing).
for (const name of ['vue', 'jsx', 'svelte', 'react', 'preact', 'solid', 'vue-jsx']) writeFileSync(join(TYPES, `${name}.js`), 'export {};\n');

console.log('integrations: web-types.json, vscode.html-custom-data.json, vscode.css-custom-data.json, types/{vue,jsx,react,preact,solid,vue-jsx,svelte}.d.ts → widget/dist');

/** Rewrites a generated file, failing the build when the generator's output no longer has what the edit expects. */
function edit(name, change, expected) {
  const path = join(TYPES, name);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(expected)) throw new Error(`integrations: ${name} has no ${expected} any more; update scripts/integrations.mjs`);
  writeFileSync(path, change(text));
}
