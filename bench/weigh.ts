/**
 * Weighs one built file: raw, gzip (level 9) and brotli (quality 11) bytes, and — when it has a
 * source map — the share of each part (Lit, QR encoder, zod, own code, strings…) of its minified bytes.
 * Compressed bytes per part are that share of the compressed total: compression works across
 * parts, so no part has a compressed size of its own.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { groupBytes } from './attribution.ts';
import { bytesPerSource, type SourceMapV3 } from './sourcemap.ts';

export interface Weight {
  raw: number;
  gzip: number;
  brotli: number;
  /** Largest first; `bytes` are minified bytes, `share` their fraction of `raw`. */
  parts: { group: string; bytes: number; share: number }[];
}

export function gzipBytes(code: string | Uint8Array): number {
  return gzipSync(code, { level: 9 }).length;
}

export function brotliBytes(code: string | Uint8Array): number {
  return brotliCompressSync(code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  }).length;
}

/** @example weigh(code, JSON.parse(mapText)).gzip */
export function weigh(code: string, map?: SourceMapV3): Weight {
  const raw = Buffer.byteLength(code);
  const parts = map
    ? groupBytes(bytesPerSource(code, map)).map((part) => ({ ...part, share: part.bytes / raw }))
    : [];
  return { raw, gzip: gzipBytes(code), brotli: brotliBytes(code), parts };
}
