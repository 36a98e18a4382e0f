/**
 * Names the part of the widget each source file belongs to, so a bundle's bytes can be reported per
 * dependency: Lit, the QR encoder, zod, own code, its styles, strings. Pure: paths in, labels out. Unknown
 * packages are reported under their own npm name, so a new dependency shows up without an edit here.
 */
import { UNMAPPED } from './sourcemap.ts';

/** Packages that make up one dependency as a dealer thinks of it. */
const FAMILIES: { label: string; packages: RegExp }[] = [
  { label: 'Lit', packages: /^(lit|lit-html|lit-element|@lit\/.+|@lit-labs\/.+)$/ },
  { label: 'QR encoder (lean-qr)', packages: /^lean-qr$/ },
  { label: 'zod', packages: /^zod$/ },
];

export const OWN_CODE = 'own code';
export const STYLES = 'styles (CSS)';
export const STRINGS = 'strings';
export const GLUE = 'bundler glue';

/**
 * @example groupOf('../node_modules/lit-html/lit-html.js') // 'Lit'
 * @example groupOf('../widget/strings/en.ts')              // 'strings'
 * @example groupOf('../widget/pave-capture/pave-capture.styles.ts') // 'styles (CSS)'
 */
export function groupOf(source: string): string {
  if (source === UNMAPPED) return GLUE;
  const path = source.replace(/\\/g, '/');
  const pkg = packageOf(path);
  if (pkg) return FAMILIES.find((family) => family.packages.test(pkg))?.label ?? pkg;
  if (/(^|\/)widget\/strings\//.test(path)) return STRINGS;
  if (/(^|\/)widget\/.*\.styles\.[jt]s$/.test(path)) return STYLES;
  if (/(^|\/)(widget|contract)\//.test(path)) return OWN_CODE;
  return path.replace(/^(\.\.?\/)+/, '');
}

/** The npm package a path lies in (the innermost `node_modules/`), or undefined. */
export function packageOf(path: string): string | undefined {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match?.[1];
}

/** Sums bytes per group, largest first. */
export function groupBytes(perSource: ReadonlyMap<string, number>): { group: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const [source, bytes] of perSource) {
    const group = groupOf(source);
    totals.set(group, (totals.get(group) ?? 0) + bytes);
  }
  return [...totals].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}
