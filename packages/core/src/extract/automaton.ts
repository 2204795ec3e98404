import { charClass, OTHER } from './char-class.ts';

/**
 * A trie over folded keys in typed arrays, walked from every token start.
 *
 * Why not classic Aho–Corasick failure links: every accepted match must begin at a
 * token start (a word start, or any Hangul syllable, whose left context is then checked
 * by the Hangul rule), so walking the trie from token starts finds exactly the matches
 * failure links would, without the failure-chain work on every character. A walk stops at
 * the first character that no key continues with, which in news text is after one or two
 * characters.
 *
 * Layout: code units are first mapped to dense symbols (0 = in no key, so a walk stops
 * at once). The root has a dense table; every other node keeps its first child inline
 * (most trie nodes have one child) and further children go into one open-addressing
 * hash. Outputs are a linked list of key indices per node.
 */
export interface Automaton {
  readonly keyCount: number;
  readonly nodeCount: number;
  /** Approximate bytes held by the typed arrays. */
  readonly bytes: number;
  /**
   * Calls `hit(key, start, end)` for every key found at a token start of `chars[0..length)`
   * (`end` exclusive, folded offsets). If `wordStarts` is given, pushes the start of every
   * word into it (for NEAR distances) and returns the number written.
   */
  scan(
    chars: Uint16Array,
    length: number,
    hit: (key: number, start: number, end: number) => void,
    wordStarts?: WordStarts,
    seams?: Int32Array,
    seamCount?: number,
  ): void;
}

/** A growable list of word-start offsets. */
export interface WordStarts {
  data: Int32Array;
  length: number;
}

/** Builds the automaton; key `i` of the result is `keys[i]`. Empty keys are ignored. */
export function buildAutomaton(keys: readonly string[]): Automaton {
  // Dense symbols for the code units that occur in keys.
  const symOf = new Uint16Array(65536);
  let alphabet = 1;
  let totalChars = 0;
  for (const k of keys) {
    totalChars += k.length;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (symOf[c] === 0) symOf[c] = alphabet++;
    }
  }
  const cap = totalChars + 2;
  const rootNext = new Int32Array(alphabet);
  let firstSym = new Uint16Array(cap);
  let firstChild = new Int32Array(cap);
  let multi = new Uint8Array(cap);
  let outHead = new Int32Array(cap).fill(-1);
  const outNext = new Int32Array(keys.length).fill(-1);
  // Extra edges (second and later children) are at most one per key.
  let bits = 4;
  while (1 << bits < keys.length * 2 + 16) bits++;
  const hSize = 1 << bits;
  const hMask = hSize - 1;
  const hParent = new Int32Array(hSize).fill(-1);
  const hSym = new Uint16Array(hSize);
  const hChild = new Int32Array(hSize);
  let nodes = 1; // node 0 is the root

  const childOf = (node: number, s: number): number => {
    if (firstSym[node] === s) return firstChild[node]!;
    if (multi[node] === 0) return 0;
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(s, 0x27d4eb2f)) >>> (32 - bits);
    for (;;) {
      const p = hParent[h]!;
      if (p === -1) return 0;
      if (p === node && hSym[h] === s) return hChild[h]!;
      h = (h + 1) & hMask;
    }
  };

  for (let ki = 0; ki < keys.length; ki++) {
    const k = keys[ki]!;
    if (k.length === 0) continue;
    const s0 = symOf[k.charCodeAt(0)]!;
    let node = rootNext[s0]!;
    if (node === 0) {
      node = nodes++;
      rootNext[s0] = node;
    }
    for (let i = 1; i < k.length; i++) {
      const s = symOf[k.charCodeAt(i)]!;
      let next = childOf(node, s);
      if (next === 0) {
        next = nodes++;
        if (firstSym[node] === 0) {
          firstSym[node] = s;
          firstChild[node] = next;
        } else {
          multi[node] = 1;
          let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(s, 0x27d4eb2f)) >>> (32 - bits);
          while (hParent[h] !== -1) h = (h + 1) & hMask;
          hParent[h] = node;
          hSym[h] = s;
          hChild[h] = next;
        }
      }
      node = next;
    }
    outNext[ki] = outHead[node]!;
    outHead[node] = ki;
  }
  // Keep only what is used: shared prefixes leave most of the capacity empty.
  firstSym = firstSym.slice(0, nodes);
  firstChild = firstChild.slice(0, nodes);
  multi = multi.slice(0, nodes);
  outHead = outHead.slice(0, nodes);
  const bytes =
    symOf.byteLength + rootNext.byteLength + firstSym.byteLength + firstChild.byteLength + multi.byteLength +
    outHead.byteLength + outNext.byteLength + hParent.byteLength + hSym.byteLength + hChild.byteLength;

  return {
    keyCount: keys.length,
    nodeCount: nodes,
    bytes,
    scan(chars, length, hit, wordStarts, seams, seamCount = 0) {
      // Extra start points inside words (see FoldedText.seams); the boundary rules decide.
      let seamIndex = 0;
      let nextSeam = seamCount > 0 ? seams![0]! : -1;
      let prevCls = OTHER;
      let ws = wordStarts?.data;
      let wn = wordStarts?.length ?? 0;
      for (let i = 0; i < length; i++) {
        const c = chars[i]!;
        const cls = charClass(c);
        // Hangul (class 2) may start a key anywhere in a run (the Hangul rule then checks what
        // precedes it); other scripts only at a word start, which also comes after Hangul.
        let start = prevCls === OTHER || cls === 2 || prevCls === 2;
        if (i === nextSeam) {
          start = true;
          nextSeam = ++seamIndex < seamCount ? seams![seamIndex]! : -1;
        }
        if (ws && cls !== OTHER && prevCls === OTHER) {
          if (wn === ws.length) {
            const bigger = new Int32Array(ws.length * 2);
            bigger.set(ws);
            ws = bigger;
            wordStarts!.data = ws;
          }
          ws[wn++] = i;
        }
        prevCls = cls;
        if (!start) continue;
        const s0 = symOf[c]!;
        if (s0 === 0) continue;
        let node = rootNext[s0]!;
        let j = i + 1;
        while (node !== 0) {
          for (let o = outHead[node]!; o !== -1; o = outNext[o]!) hit(o, i, j);
          if (j >= length) break;
          const s = symOf[chars[j]!]!;
          if (s === 0) break;
          if (firstSym[node] === s) node = firstChild[node]!;
          else if (multi[node] === 0) break;
          else {
            let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(s, 0x27d4eb2f)) >>> (32 - bits);
            let found = 0;
            for (;;) {
              const p = hParent[h]!;
              if (p === -1) break;
              if (p === node && hSym[h] === s) {
                found = hChild[h]!;
                break;
              }
              h = (h + 1) & hMask;
            }
            node = found;
          }
          j++;
        }
      }
      if (wordStarts) wordStarts.length = wn;
    },
  };
}
