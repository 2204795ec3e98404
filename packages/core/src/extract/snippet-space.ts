/** Whitespace a snippet rewrites even alone (to a plain space). */
export const IRREGULAR_SPACES = ['\n', '\r', '\t', '\u00a0', '\v', '\f'];

// The whitespace a snippet collapses: the irregular kinds and the plain space, one list.
const SNIPPET_SPACE = new Uint8Array(256);
for (const ch of [' ', ...IRREGULAR_SPACES]) SNIPPET_SPACE[ch.charCodeAt(0)] = 1;

/** Whether a snippet collapses the code unit `c` (with the whitespace around it, to one space). */
export function isSnippetSpace(c: number): boolean {
  return c < 256 && SNIPPET_SPACE[c] === 1;
}

/** Whether `c` is whitespace a snippet rewrites even alone. */
export function isIrregularSpace(c: number): boolean {
  return c !== 32 && isSnippetSpace(c);
}
