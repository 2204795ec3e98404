import { charClass, CYRILLIC, LATIN, OTHER } from './char-class.ts';

/**
 * The gate: a small deterministic automaton run in front of the exact scan over the
 * plain stretches of a document (letters of alphabetic scripts, spaces, punctuation in no
 * key). Per character it does a few table reads and no data-dependent branch, where the
 * exact scan pays a mispredicted branch or two per word. It follows every walk only
 * through the shallow levels of the trie; a walk that goes deeper, reaches a key, needs a second walk
 * at once, or meets anything else (Hangul, a deleted or multi-unit fold, a character
 * reference, a capital that may start a walk inside a word) *signals*, and the exact scan
 * redoes that word from its start. In English and Russian most words die within the
 * gate, so the exact scan only sees the few that may match.
 *
 * Inputs per code unit: a letter or punctuation with small trie symbol `s` (below
 * `small`) is `s`, or `small + s` for a capital; then SPACE, PUNCT (in no key) and BAIL
 * (anything else, and every unit not classified yet). States: SEP (after punctuation, no
 * walk), SPACE (after a space, no walk: a second space signals, so that the exact scan
 * records where whitespace runs are for snippets), DEAD (inside a word, no walk), and one
 * per trie node reached by small symbols, as deep as the table's size allows.
 */
export interface Gate {
  /**
   * At `row + input`, where a state's row is `state << shift`: the next state's row times
   * two, plus one if the input starts a word (a letter after a separator); -1: signal.
   * Rows, not states, so that the scan's chain of dependent reads has one shift and one
   * add per unit (state numbers, shifted into rows on every step, cost a third more).
   */
  readonly next: Int32Array;
  /** log2 of the row width. */
  readonly shift: number;
  /** Per state, how many units its walk has read (0 for SEP, DEAD and SPACE). */
  readonly depthOf: Int32Array;
  /** Per state, the trie node its walk has reached (0 for SEP, DEAD and SPACE): the exact scan goes on from there. */
  readonly nodeOf: Int32Array;
}

export const GATE_SEP = 0;
export const GATE_DEAD = 1;
export const GATE_SPACE = 2;
/** States below this one are walk-free. */
const FIRST_NODE_STATE = 3;
const SIGNAL = -1;
/**
 * Transition tables above this many entries (4 bytes each) are not worth their cache
 * footprint. At 100k aliases (rows of 256 entries) this allows five levels of the trie
 * (2,431 states, 2.5 MB) where 600,000 allowed four: fewer English words reach the exact
 * scan, 1.03 times the speed (Russian 0.99).
 */
const MAX_ENTRIES = 1_500_000;
/** Deeper than this, a word that got so far is likely to match anyway. */
const MAX_DEPTH = 8;

/** What the gate needs of the trie's scan layout (see trie.ts). */
export interface GateTrie {
  symOf: Uint16Array;
  rootNext: Int32Array;
  childRange: Int32Array;
  label: Uint16Array;
  out: Int32Array;
  /** Symbols below this one are those of code units below U+1100. */
  small: number;
}

/**
 * Builds the gate for a trie, or undefined when no useful one fits (a trie whose shallow
 * levels are too wide). `seams`: capitals inside words may start walks ("ComradeKim").
 */
export function buildGate(t: GateTrie, seams: boolean): Gate | undefined {
  const { rootNext, childRange, label, out, small } = t;
  const { space: SPACE_IN, punct: PUNCT_IN, bail: BAIL } = gateInputCodes(small);
  // Rows padded to a power of two: the scan's index is a shift, not a multiplication, on
  // the chain of dependent reads that bounds its speed.
  let shift = 0;
  while (1 << shift < BAIL + 1) shift++;
  const width = 1 << shift;
  const isOther = new Uint8Array(rootNext.length);
  for (let c = 0; c < 0x1100; c++) if (t.symOf[c] !== 0 && charClass(c) === OTHER) isOther[t.symOf[c]!] = 1;
  const spaceSym = t.symOf[32]!;

  // The gate's trie nodes: those reached from the root by small symbols only, level by
  // level, as deep as the table stays within MAX_ENTRIES. State of node `nodes[k]`: k + FIRST_NODE_STATE.
  let nodes: number[] = [];
  let level: number[] = [];
  for (let c = childRange[0]!; c < childRange[1]!; c++) if (label[c]! < small) level.push(c);
  let depth = 0;
  const depths: number[] = [];
  while (level.length > 0 && depth < MAX_DEPTH && (nodes.length + level.length + FIRST_NODE_STATE) * width <= MAX_ENTRIES) {
    nodes = nodes.concat(level);
    depth++;
    for (let k = 0; k < level.length; k++) depths.push(depth);
    const below: number[] = [];
    for (const v of level) for (let c = childRange[2 * v]!; c < childRange[2 * v + 1]!; c++) if (label[c]! < small) below.push(c);
    level = below;
  }
  if (depth === 0) return undefined;
  const stateOf = new Map<number, number>();
  nodes.forEach((v, k) => stateOf.set(v, k + FIRST_NODE_STATE));
  const enter = (c: number): number => (out[c] !== -1 ? SIGNAL : (stateOf.get(c) ?? SIGNAL));
  const seamStart = (s: number): boolean => seams && s !== 0 && rootNext[s] !== 0;

  const next = new Int32Array((nodes.length + FIRST_NODE_STATE) * width);
  const sep = GATE_SEP * width;
  const dead = GATE_DEAD * width;
  const spaced = GATE_SPACE * width;
  for (let s = 0; s < small; s++) {
    const node = s === 0 ? 0 : rootNext[s]!;
    if (isOther[s] === 1) {
      // Punctuation that is part of some key: it ends a word, and may start a key after a separator.
      next[sep + s] = node === 0 ? GATE_SEP : SIGNAL;
      next[dead + s] = GATE_SEP;
      next[sep + small + s] = next[dead + small + s] = SIGNAL; // never an input
      continue;
    }
    next[sep + s] = next[sep + small + s] = node === 0 ? GATE_DEAD : enter(node);
    next[dead + s] = GATE_DEAD;
    next[dead + small + s] = seamStart(s) ? SIGNAL : GATE_DEAD;
  }
  for (const row of [sep, dead]) {
    next[row + SPACE_IN] = GATE_SPACE;
    next[row + PUNCT_IN] = GATE_SEP;
    next[row + BAIL] = SIGNAL;
  }
  next.copyWithin(spaced, sep, sep + width);
  next[spaced + SPACE_IN] = SIGNAL;
  nodes.forEach((v, k) => {
    const row = (k + FIRST_NODE_STATE) * width;
    const lastOther = isOther[label[v]!] === 1;
    // No child on the input: as if no walk were alive, after a separator or inside a word.
    const fallback = lastOther ? sep : dead;
    next.copyWithin(row, fallback, fallback + width);
    // A second space in a row would break the depth-to-length relation the scan relies on
    // to find where the walk began: rare enough to leave to the exact scan.
    if (label[v] === spaceSym) next[row + SPACE_IN] = SIGNAL;
    for (let c = childRange[2 * v]!; c < childRange[2 * v + 1]!; c++) {
      const s = label[c]!;
      if (s >= small) continue;
      if (s === spaceSym) next[row + SPACE_IN] = enter(c);
      else if (isOther[s] === 1) {
        // After a separator, this punctuation may also start a walk of its own.
        next[row + s] = lastOther && rootNext[s] !== 0 ? SIGNAL : enter(c);
      } else if (lastOther) {
        // A word starts here while a walk goes on: two walks, which only the exact scan follows.
        next[row + s] = next[row + small + s] = SIGNAL;
      } else {
        next[row + s] = enter(c);
        next[row + small + s] = seamStart(s) ? SIGNAL : enter(c);
      }
    }
  });
  // Entries carry the next state's row shifted left by one, and in the low bit whether the
  // input starts a word (a letter after a separator), so one read gives both.
  const letter = new Uint8Array(width);
  for (let s = 0; s < small; s++) if (isOther[s] === 0) letter[s] = letter[small + s] = 1;
  for (let st = 0; st < nodes.length + FIRST_NODE_STATE; st++) {
    const afterSeparator = st === GATE_SEP || st === GATE_SPACE || (st >= FIRST_NODE_STATE && isOther[label[nodes[st - FIRST_NODE_STATE]!]!] === 1);
    for (let x = 0; x < width; x++) {
      const to = next[st * width + x]!;
      next[st * width + x] = to < 0 ? SIGNAL : ((to << shift) << 1) | (afterSeparator && letter[x] === 1 ? 1 : 0);
    }
  }
  return { next, shift, depthOf: Int32Array.from([0, 0, 0, ...depths]), nodeOf: Int32Array.from([0, 0, 0, ...nodes]) };
}

/** The inputs after the letters and capitals of a trie with `small` small symbols. */
export function gateInputCodes(small: number): { space: number; punct: number; bail: number } {
  return { space: 2 * small, punct: 2 * small + 1, bail: 2 * small + 2 };
}

/** A fresh input table for a trie with `small` small symbols: every unit BAIL until classified. */
export function gateInputs(small: number): Uint16Array {
  return new Uint16Array(65536).fill(gateInputCodes(small).bail);
}

/** The gate input of a code unit: its trie symbol and class, capital or not, space, or needing the exact scan. */
export function gateInputOf(small: number, sym: number, cls: number, upper: boolean, space: boolean, special: boolean): number {
  const codes = gateInputCodes(small);
  if (special) return codes.bail;
  if (space) return codes.space;
  if (cls === OTHER) return sym === 0 ? codes.punct : sym < small ? sym : codes.bail;
  // Hangul has its own rules; letters beyond the small alphabet have no row in the table.
  if ((cls !== LATIN && cls !== CYRILLIC) || sym >= small) return codes.bail;
  return upper ? small + sym : sym;
}
