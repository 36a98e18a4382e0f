/**
 * `npm run phone-metadata`: writes `signer/policy/phone-metadata.json`, the signer's phone metadata —
 * libphonenumber-js's `mobile` metadata (the numbering plans with their mobile ranges, so a landline is
 * refused) without the formatting rules. The signer parses and validates numbers and sends E.164
 * (`PhoneNumber.number`, built from the calling code and national number); it never formats one for a
 * person, and parsing never reads the formats (only `format()` and the as-you-type formatter do). Dropped,
 * they are some 9 KB gz of the Worker bundle (issue 14). `test/signer/policy/phone-metadata.test.ts`
 * fails when the committed file is not this script's output for the installed libphonenumber-js (run it
 * after an upgrade), and checks that parsing gives the same answers with both metadata.
 */
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetadataJson } from 'libphonenumber-js/core';
import mobile from 'libphonenumber-js/mobile/metadata';

const root = resolve(import.meta.dirname, '..');

export const PHONE_METADATA_JSON = join(root, 'signer/policy/phone-metadata.json');

/** Index of a numbering plan's `formats` in metadata version 4 (`Metadata#_getFormats` of libphonenumber-js). */
const FORMATS = 4;

/** The metadata with every numbering plan's formats left out (`0`, as the metadata writes an absent value). */
export function withoutFormats(metadata: MetadataJson): MetadataJson {
  const copy = structuredClone(metadata) as MetadataJson & { version: number; countries: Record<string, unknown[]>; nonGeographic?: Record<string, unknown[]> };
  if (copy.version !== 4) throw new Error(`phone metadata: version ${copy.version}, expected 4 — check where its formats are before trimming them.`);
  for (const plans of [copy.countries, copy.nonGeographic ?? {}]) {
    for (const plan of Object.values(plans)) plan[FORMATS] = 0;
  }
  return copy;
}

/** The JSON text the signer carries. */
export function phoneMetadataText(): string {
  return `${JSON.stringify(withoutFormats(mobile as MetadataJson))}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PHONE_METADATA_JSON, phoneMetadataText());
  console.log(`wrote ${relative(root, PHONE_METADATA_JSON)}`);
}
