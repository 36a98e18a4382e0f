#!/usr/bin/env node
/**
 * Part of `npm run build`: the widget's published types, with no zod in them.
 *
 * The widget takes its request and answer types from `contract/schema.ts`, where they are inferred from
 * zod schemas (`z.infer`). Declarations emitted as they are would `import 'zod/mini'`, so a dealer would
 * need zod installed just to type-check — and the widget package installs no zod. So the contract's types
 * are written out here as the plain object and union types the compiler resolves them to, from the same
 * schemas (nothing is written twice by hand). Everything else is tsc's own output.
 *
 * In:  widget/dist/.types/{widget,contract}/… (tsc -p tsconfig.build.json)
 * Out: widget/dist/esm/…d.ts beside the ES module, widget/dist/contract/…d.ts (what `../contract/…` reaches).
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const DIST = 'widget/dist';
const EMITTED = join(DIST, '.types');
const SCHEMA = 'contract/schema.ts';

if (!existsSync(join(EMITTED, 'widget'))) {
  console.error(`types: ${EMITTED}/widget is missing — run tsc -p tsconfig.build.json first.`);
  process.exit(1);
}
cpSync(join(EMITTED, 'widget'), join(DIST, 'esm'), { recursive: true });
cpSync(join(EMITTED, 'contract'), join(DIST, 'contract'), { recursive: true });
writeFileSync(join(DIST, 'contract/schema.d.ts'), withSiblingImports(resolvedTypesOf(SCHEMA), join(DIST, 'contract')));
rmSync(EMITTED, { recursive: true, force: true });

const leaks = declarationsUnder(DIST).filter((file) => /from\s*['"]zod(\/|['"])/.test(readFileSync(file, 'utf8')));
if (leaks.length) {
  console.error(`types: these declarations still import zod, which the widget package does not install:\n  ${leaks.join('\n  ')}`);
  process.exit(1);
}
console.log(`types: ${SCHEMA}'s types written out without zod → ${DIST}/contract/schema.d.ts`);

/** Every exported type alias of `file`, as the type the compiler resolves it to. */
function resolvedTypesOf(file) {
  const { options } = ts.parseJsonConfigFileContent(ts.readConfigFile('tsconfig.json', ts.sys.readFile).config, ts.sys, '.');
  const program = ts.createProgram([file], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  const aliases = checker
    .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)))
    .flatMap((symbol) => symbol.declarations?.filter(ts.isTypeAliasDeclaration).map((node) => ({ name: symbol.name, node })) ?? []);
  const lines = aliases.map(({ name, node }) => `export type ${name} = ${checker.typeToString(checker.getTypeAtLocation(node), undefined, flags)};`);
  return `/** The contract's types (generated from ${file} by scripts/widget-types.mjs). */\n${lines.join('\n')}\n`;
}

/**
 * The compiler keeps names declared in the contract's other files (e.g. `CodedIssue` of issues.ts) as
 * names: import each one that the written-out types use from its own declaration file.
 */
function withSiblingImports(text, dir) {
  const imports = readdirSync(dir)
    .filter((name) => name.endsWith('.d.ts') && name !== 'schema.d.ts')
    .flatMap((name) => {
      const declared = [...readFileSync(join(dir, name), 'utf8').matchAll(/export (?:declare )?(?:type|interface|const|function|class) ([A-Za-z_$][\w$]*)/g)].map((match) => match[1]);
      const used = declared.filter((id) => new RegExp(`\\b${id}\\b`).test(text));
      return used.length ? [`import type { ${used.join(', ')} } from './${name.replace(/\.d\.ts$/, '.js')}';`] : [];
    });
  return imports.length ? `${imports.join('\n')}\n${text}` : text;
}

function declarationsUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return declarationsUnder(path);
    return name.endsWith('.d.ts') ? [path] : [];
  });
}
