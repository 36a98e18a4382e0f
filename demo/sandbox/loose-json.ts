/**
 * JSON that may not be JSON: the sandbox answers a bad body the way PAVE does instead of crashing.
 */

/** The parsed value, or `undefined` when `text` is not JSON. */
export function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
