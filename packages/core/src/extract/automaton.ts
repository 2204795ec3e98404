import { charClass, HANGUL as HANGUL_CLASS, OTHER as OTHER_CLASS } from './char-class.ts';
import { withRoom, writeUnits, type Offsets } from './buffers.ts';
import { isIrregularSpace } from './snippet-space.ts';
import { READ_AHEAD, READ_AHEAD_FROM, readAheadDone } from './read-ahead.ts';
import { endsSomeTitle } from './hangul.ts';
import { buildGate, GATE_DEAD, GATE_SEP, GATE_SPACE, gateInputCodes, gateInputOf, type Gate } from './gate.ts';
import { buildTrie, pairBit, step, TrieBuilder, type Tables } from './trie.ts';
import { decodeEntityAt } from './html-entities.ts';
import {
  CASE_BIT_BASE,
  DELETE,
  FOLD,
  FOLD_DOC,
  foldCode,
  multi as multi_,
  MULTI_BASE,
  normalizeString,
  SINGLE_BASE,
  SPACE,
} from './normalize.ts';

/**
 * A trie over folded keys in typed arrays, and the single pass that folds a document and
 * matches it at the same time.
 *
 * Why not classic Aho–Corasick failure links: every accepted match must begin at a
 * token start (a word start, a capital glued to a word for KCNA's bold names, or a
 * Hangul syllable that begins a run or follows a syllable ending a title, whose left
 * context is then checked by the Hangul rule). So the scan
 * starts a walk from the root at each token start; a walk dies at the first character no
 * key continues with, which in news text is after one or two characters. This finds
 * exactly the matches failure links would, with no failure-chain work, and folding
 * (normalize.ts) happens in the same pass: the folded text is never written out.
 *
 * Three scans share that contract, fastest first:
 * - The gate (gate.ts): a small table-driven automaton over the plain stretches of the
 *   text, a few reads per character and no data-dependent branch, following walks only
 *   through the shallow levels of the trie. It hands each word that may match (and every
 *   character it has no row for) to the fast scan, at the word's start.
 * - The fast scan (scanFast): one precomputed `pack` entry per code unit (folded symbol,
 *   class, flags), skips the inside of words in tight loops, and follows each walk
 *   forward to its end at once.
 * - The general scan (scanGeneral): advances every live walk character by character and
 *   handles every fold case (character references, multi-unit folds); the fast scan
 *   hands over to it around such characters and takes over again after.
 * Hits are reported in the general scan's order; property tests check that all three
 * together give the same hits, word counts and whitespace marks as the general scan alone.
 *
 * Layout: the text is copied into a reused Uint16Array (typed-array reads cost about half
 * of charCodeAt). Code units map to dense symbols (0 = in no key, so walks stop at once),
 * numbered in code-unit order so that alphabetic scripts get the low numbers (the gate's
 * columns). A node's children have consecutive ids, sorted by symbol; the root's
 * children are a dense table.
 */
/** Receives a candidate hit (see Automaton.scan). */
export type HitCallback = (key: number, start: number, end: number, wordsTo: number, wordsThrough: number) => void;

export interface Automaton {
  readonly keyCount: number;
  readonly nodeCount: number;
  /** Approximate bytes held by the typed arrays. */
  readonly bytes: number;
  /**
   * Folds `text` and calls `hit(key, start, end, wordsTo, wordsThrough)` for every key
   * found at a token start, with original UTF-16 offsets (`end` exclusive); the boundary
   * rules are the caller's. `wordsTo` is the number of word starts (a letter of any script
   * after anything else, in the folded text) at or before `start`, `wordsThrough` at or
   * before `end - 1`: NEAR's word positions, counted by the scan as it goes.
   * With `seams`, capitals written against a letter also start walks ("ComradeKim").
   * If `spaces` is given, records, in ascending order, where the whitespace runs that
   * snippets rewrite may be (see EvidenceWriter): the offset of every irregular space
   * (newline, tab, no-break space…) and of every character folding to a space that follows
   * one (deleted characters between them not counted), so that no separate pass over the
   * text has to look for them.
   */
  scan(text: string, hit: HitCallback, seams?: boolean, spaces?: Offsets): void;
  /**
   * The same contract as {@link scan}, computed by the general scan alone (every live walk
   * advanced character by character). Slower; kept as the reference the fast scan is
   * tested against.
   */
  scanReference(text: string, hit: HitCallback, seams?: boolean, spaces?: Offsets): void;
  /**
   * {@link scanReference}, also walking from every Hangul syllable inside a word, not only
   * after a title: candidates the Hangul rule always rejects, which `explain` lists.
   */
  scanEveryStart(text: string, hit: HitCallback, seams?: boolean, spaces?: Offsets): void;
  /** Builds now what the first scan with `seams` would otherwise build (the gate), so that build time is paid at build. */
  prepare(seams: boolean): void;
}

// Live walks: node and original start offset. Module scratch: scans never nest.
const MAX_WALKS = 64;
const walkNode = new Int32Array(MAX_WALKS);
const walkStart = new Int32Array(MAX_WALKS);
/** Per live walk, the word starts at or before its start (see Automaton.scan). */
const walkWords = new Int32Array(MAX_WALKS);

/** Builds the automaton; key `i` of the result is key `i` of `keys` (a list, or the keys added to a builder). Empty keys are ignored. */
export function buildAutomaton(keys: readonly string[] | TrieBuilder): Automaton {
  const keyCount = keys instanceof TrieBuilder ? keys.count : keys.length;
  const { tables, nodeCount, bytes } = keys instanceof TrieBuilder ? keys.finish() : buildTrie(keys);
  return {
    keyCount,
    nodeCount,
    get bytes() {
      let gates = 0;
      for (const g of tables.gates) if (g) gates += g.next.byteLength + g.depthOf.byteLength + g.nodeOf.byteLength;
      return bytes + gates;
    },
    scan: (text, hit, seams = false, spaces) => scanText(tables, text, hit, seams, spaces, false),
    scanReference: (text, hit, seams = false, spaces) => scanText(tables, text, hit, seams, spaces, true),
    scanEveryStart: (text, hit, seams = false, spaces) => {
      everyHangulStart = true;
      try {
        scanText(tables, text, hit, seams, spaces, true);
      } finally {
        everyHangulStart = false;
      }
    },
    prepare: (seams) => void gateFor(tables, seams),
  };
}

function gateFor(t: Tables, seams: boolean): Gate | undefined {
  let gate = t.gates[seams ? 1 : 0];
  if (gate === null) gate = t.gates[seams ? 1 : 0] = buildGate(t, seams);
  return gate;
}

const P_KNOWN = 1 << 24;
const P_UPPER = 1 << 20; // a capital ASCII letter (see the case bit in normalize.ts)
const P_SPACE = 1 << 21; // folds to a space
const P_SPECIAL = 1 << 22; // deleted, several units, or `&`: the slow path
const P_DELETE = 1 << 23; // with P_SPECIAL: deleted (apostrophes, soft hyphens, combining marks)
const P_MARK = 1 << 18; // with P_SPACE: an irregular space, recorded for snippets
const P_TITLE_END = 1 << 19; // a Hangul syllable that ends a title (see the Korean skip loop)
const P_SYM = 0xffff;

function packOf(t: Tables, c: number): number {
  const f = c < 128 ? FOLD_DOC[c]! : foldCode(c);
  let v: number;
  if (f >= SINGLE_BASE) {
    const fc = f - SINGLE_BASE;
    v = P_KNOWN | t.symOf[fc]! | (charClass(fc) << 16) | (fc > CASE_BIT_BASE && fc <= CASE_BIT_BASE + 122 ? P_UPPER : 0);
    if (endsSomeTitle(fc)) v |= P_TITLE_END;
  } else if (f === SPACE && c !== 38) v = P_KNOWN | P_SPACE | t.symOf[32]! | (isIrregularSpace(c) ? P_MARK : 0);
  else v = P_KNOWN | P_SPECIAL | (f === DELETE ? P_DELETE : 0);
  t.pack[c] = v;
  // Irregular spaces are left to the exact scan, which records them.
  const exact = (v & (P_SPECIAL | P_MARK)) !== 0;
  t.gateInput[c] = gateInputOf(t.small, v & P_SYM, (v >>> 16) & 3, (v & P_UPPER) !== 0, (v & P_SPACE) !== 0, exact);
  return v;
}

// Candidate hits of one scan as (key, start, end, wordsTo, wordsThrough) records. Module
// scratch: scans never nest.
const HIT = 5;
let hitBuf: Int32Array = new Int32Array(HIT * 1024);
let hitLen = 0;

function pushHit(key: number, start: number, end: number, wordsTo: number, wordsThrough: number): void {
  if (hitLen + HIT > hitBuf.length) hitBuf = withRoom(hitBuf, hitLen + HIT);
  hitBuf[hitLen] = key;
  hitBuf[hitLen + 1] = start;
  hitBuf[hitLen + 2] = end;
  hitBuf[hitLen + 3] = wordsTo;
  hitBuf[hitLen + 4] = wordsThrough;
  hitLen += HIT;
}

/** Set only by scanEveryStart: the general scan then walks from every Hangul syllable. */
let everyHangulStart = false;

/** State handed between the fast and the general scan. */
const gen = { wn: 0, sn: 0, prevCls: 0, prevSpace: true, prevUpper: false, prevTitle: false };

function scanText(
  t: Tables,
  text: string,
  hit: HitCallback,
  seams: boolean,
  spaces: Offsets | undefined,
  reference: boolean,
): void {
  hitLen = 0;
  gen.wn = 0;
  gen.sn = 0;
  gen.prevCls = OTHER_CLASS;
  gen.prevSpace = true;
  gen.prevUpper = false;
  gen.prevTitle = false;
  if (reference) scanGeneral(t, text, 0, text.length, seams, spaces);
  else scanFast(t, text, seams, spaces);
  // Report in the order of the general scan (by end, then start; a node's keys in list
  // order), which the fast scan, walking each start to its end in turn, does not follow.
  const buf = hitBuf;
  const len = hitLen;
  for (let a = HIT; a < len; a += HIT) {
    const st = buf[a + 1]!;
    const en = buf[a + 2]!;
    let b = a - HIT;
    if (buf[b + 2]! < en || (buf[b + 2]! === en && buf[b + 1]! <= st)) continue;
    const k = buf[a]!;
    const w0 = buf[a + 3]!;
    const w1 = buf[a + 4]!;
    while (b >= 0 && (buf[b + 2]! > en || (buf[b + 2]! === en && buf[b + 1]! > st))) {
      buf.copyWithin(b + HIT, b, b + HIT);
      b -= HIT;
    }
    buf[b + HIT] = k;
    buf[b + HIT + 1] = st;
    buf[b + HIT + 2] = en;
    buf[b + HIT + 3] = w0;
    buf[b + HIT + 4] = w1;
  }
  // The callback reads the text at each hit's ends, long after the scan read it on a long
  // text: read ahead (read-ahead.ts). On a 20 MB text, 1.06× the whole extraction.
  const last = text.length - 1;
  const block = text.length >= READ_AHEAD_FROM ? HIT * READ_AHEAD : len;
  for (let b = 0; b < len; b += block) {
    const e = Math.min(len, b + block);
    if (block < len) {
      let sum = 0;
      for (let a = b; a < e; a += HIT) sum += text.charCodeAt(Math.max(0, buf[a + 1]! - 1)) + text.charCodeAt(Math.min(last, buf[a + 2]!));
      readAheadDone(sum);
    }
    for (let a = b; a < e; a += HIT) hit(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!);
  }
}

let unitBuf: Uint16Array = new Uint16Array(1 << 16);
/** The text's code units in a reused typed array, with a 0 after the end. */
function unitsOf(text: string): Uint16Array {
  const n = text.length;
  let units: Uint16Array = unitBuf;
  if (n + 1 > units.length) {
    // Grown for ordinary articles. A buffer for a rare huge document is only weakly held:
    // reused by the next huge one unless the collector wanted the memory back, so the
    // process does not hold twice its size for good (nor zero 40 MB on every call).
    const big = hugeBuf?.deref();
    if (big !== undefined && big.length >= n + 1) units = big;
    else {
      units = new Uint16Array(Math.max(n + 1, units.length * 2));
      if (units.length <= MAX_KEPT_UNITS) unitBuf = units;
      else hugeBuf = new WeakRef(units);
    }
  }
  writeUnits(text, units);
  units[n] = 0;
  return units;
}
const MAX_KEPT_UNITS = 1 << 20;
let hugeBuf: WeakRef<Uint16Array> | undefined;

/**
 * The fast scan: one pass over the original text reading one `pack` entry per code unit.
 * At each token start that some key starts with, the walk is followed forward to its end
 * right away (most die after a character or two), so there is never more than one walk
 * and no per-character walk bookkeeping. Deleted characters are skipped inline; anything
 * else special (a character reference, a multi-unit fold such as ß) hands over to the
 * general scan, which hands back once it is past that character with no walk alive.
 */
function scanFast(t: Tables, text: string, seams: boolean, spaces: Offsets | undefined): void {
  const OTHER_ = OTHER_CLASS;
  const HANGUL_ = HANGUL_CLASS;
  const { rootNext, childRange, label, out, outNext, pack, pairs, pairShift } = t;
  const SKIP_MASK = P_KNOWN | P_SPECIAL | P_MARK | (3 << 16);
  const SKIP_HANGUL = P_KNOWN | (HANGUL_ << 16);
  const skipMask = seams ? SKIP_MASK | P_UPPER : SKIP_MASK;
  const n = text.length;
  const u = unitsOf(text);
  // Word starts before the unit being read (see Automaton.scan).
  let wn = 0;
  let sp = spaces?.data;
  let sn = 0;
  let prevCls = OTHER_;
  let prevSpace = true;
  let prevUpper = false;
  let prevTitle = false;
  const gate = gateFor(t, seams);
  const gIn = t.gateInput;
  const gNext = gate?.next ?? new Int32Array(0);
  const gShift = gate?.shift ?? 0;
  const gBail = gate ? gateInputCodes(t.small).bail : 0;
  const gDepth = gate?.depthOf ?? new Int32Array(0);
  const gNodes = gate?.nodeOf ?? new Int32Array(0);
  // A walk the gate followed to a signal: from where, to where, at which trie node.
  let resumeFrom = -1;
  let resumeAt = 0;
  let resumeNode = 0;
  for (let i = 0; i < n; i++) {
    // Plain stretches go through the gate (gate.ts), which stops where a word needs the
    // exact scan below: at the start of that word, with the state of the unit before it.
    if (gate !== undefined && prevCls !== HANGUL_ && gIn[u[i]!] !== gBail) {
      const entry = i;
      // The row of the state before a signal: the walk to redo is the one it was in.
      let row = (prevCls !== OTHER_ ? GATE_DEAD : prevSpace ? GATE_SPACE : GATE_SEP) << gShift;
      let w = wn;
      for (; i < n; i++) {
        const e = gNext[row + gIn[u[i]!]!]!;
        w += e & 1; // a word start; also 1 for a signal (-1), taken back below
        if (e < 0) break;
        row = e >> 1;
      }
      if (i >= n) break; // the rest of the text held no possible match
      wn = w - 1; // without the signal's
      // Resume the exact scan where the current walk began: each gate step reads one unit.
      // The walk itself goes on from the node the gate reached (see the walk below).
      const depth = gDepth[row >> gShift]!;
      if (depth >= 2) {
        resumeAt = i;
        resumeNode = gNodes[row >> gShift]!;
      }
      const back = i;
      i -= depth;
      resumeFrom = depth >= 2 ? i : -1;
      // Take back the word starts the gate counted in the units it gives back.
      for (let p = i; p < back; p++) {
        if (((pack[u[p]!]! >>> 16) & 3) === OTHER_) continue;
        if ((p > entry ? (pack[u[p - 1]!]! >>> 16) & 3 : prevCls) === OTHER_) wn--;
      }
      if (i > entry) {
        const pv = pack[u[i - 1]!]!;
        prevCls = (pv >>> 16) & 3;
        prevSpace = (pv & P_SPACE) !== 0;
        prevUpper = (pv & P_UPPER) !== 0;
        prevTitle = (pv & P_TITLE_END) !== 0;
      }
    }
    const c = u[i]!;
    let v = pack[c]!;
    let special = -1;
    if ((v & (P_KNOWN | P_SPECIAL)) !== P_KNOWN) {
      if (v === 0) v = packOf(t, c);
      if ((v & P_SPECIAL) !== 0) {
        if ((v & P_DELETE) !== 0) continue;
        special = i;
      }
    }
    if (special < 0) {
      const space = (v & P_SPACE) !== 0;
      if (space && sp !== undefined && (prevSpace || (v & P_MARK) !== 0)) {
        if (sn === sp.length) sp = spaces!.data = withRoom(sp, sn + 1);
        sp[sn++] = i;
      }
      if (space && prevSpace) continue;
      const cls = (v >>> 16) & 3;
      const upper = (v & P_UPPER) !== 0;
      let start = cls === HANGUL_ ? prevCls !== HANGUL_ || prevTitle : prevCls === OTHER_ || prevCls === HANGUL_;
      if (!start && seams && upper) {
        // A capital inside a word ("ComradeKim"): see the general scan.
        const nx = u[i + 1]!;
        start = !prevUpper || (nx >= 97 && nx <= 122);
      }
      // How far the walk read plain letters of this word: the skip below resumes there.
      const want = P_KNOWN | (cls << 16);
      let plainTo = i + 1;
      if (start) {
        const sym = v & P_SYM;
        let node = sym === 0 ? 0 : rootNext[sym]!;
        if (node !== 0) {
          const mark = hitLen;
          // Word starts at or before the walk's start, and at or before its last unit so far.
          const w0 = cls !== OTHER_ && prevCls === OTHER_ ? wn + 1 : wn;
          let w1 = w0;
          for (let o = out[node]!; o !== -1; o = outNext[o]!) pushHit(o, i, i + 1, w0, w1);
          let last = space;
          let lastOther = cls === OTHER_;
          let j = i + 1;
          if (i === resumeFrom) {
            // The gate read this walk up to resumeAt already, through plain units only and
            // nodes with no key (it signals on reaching one): go on from its node. (The skip
            // after the walk then reads the word from its second unit: plainTo stays.)
            // No word starts inside what it read: the gate signals at a letter after a
            // separator within a walk (two walks), so its word count stands.
            node = resumeNode;
            j = resumeAt;
            last = (pack[u[j - 1]!]! & P_SPACE) !== 0;
            lastOther = ((pack[u[j - 1]!]! >>> 16) & 3) === OTHER_;
          }
          while (j < n) {
            const cj = u[j]!;
            let vj = pack[cj]!;
            if ((vj & (P_KNOWN | P_SPECIAL)) !== P_KNOWN) {
              if (vj === 0) vj = packOf(t, cj);
              if ((vj & P_SPECIAL) !== 0) {
                if ((vj & P_DELETE) !== 0) {
                  j++;
                  continue;
                }
                special = i; // the general scan redoes this walk
                break;
              }
            }
            const sp = (vj & P_SPACE) !== 0;
            if (sp && last) {
              j++;
              continue;
            }
            const s = vj & P_SYM;
            if (s === 0) break;
            const next = step(childRange, label, node, s);
            if (next === 0) break;
            node = next;
            if (plainTo === j && (vj & skipMask) === want) plainTo = j + 1;
            j++;
            const other = ((vj >>> 16) & 3) === OTHER_;
            if (!other && lastOther) w1++;
            lastOther = other;
            for (let o = out[node]!; o !== -1; o = outNext[o]!) pushHit(o, i, j, w0, w1);
            last = sp;
          }
          if (special >= 0) hitLen = mark;
        }
      }
      if (special < 0) {
        if (cls !== OTHER_ && prevCls === OTHER_) wn++;
        prevCls = cls;
        prevSpace = space;
        prevUpper = upper;
        prevTitle = (v & P_TITLE_END) !== 0;
        // Fast-forward over what can neither start a walk nor change the state in a way
        // that matters: the rest of a word (same class, lower case when seams count),
        // Hangul syllables no key starts with, and spaces/punctuation no key starts with.
        let k = i + 1;
        if (cls !== OTHER_ && cls !== HANGUL_) {
          k = plainTo;
          while (k < n && (pack[u[k]!]! & skipMask) === want) k++;
          if (k > i + 1) prevUpper = false;
        } else {
          // Hangul and spaces or punctuation in one loop: in Korean text a word is a few
          // syllables after a space, and leaving this loop at every space cost a pass
          // through the loop above per word.
          let pc = cls;
          // Whether a key may start at k: after a space or punctuation, or after a title
          // written against the name (외무상최선희). Inside any other Hangul word the Hangul
          // rule rejects every start (hangul.ts), so none is walked: in Korean news a
          // quarter of all syllables begin some key, mostly surnames inside longer words.
          let open = cls !== HANGUL_ || prevTitle;
          while (k < n) {
            const w = pack[u[k]!]!;
            const root = rootNext[w & P_SYM]!;
            if (root !== 0 && (open || (w & SKIP_MASK) !== SKIP_HANGUL)) {
              // A key starts with this character; but most walks from a Hangul syllable
              // (a surname, say) die at the next character, so first ask the pair table
              // whether any key goes on with it. No: nothing can match here.
              const w2 = pack[u[k + 1]!]!;
              if (out[root] !== -1 || (w2 & (P_KNOWN | P_SPECIAL)) !== P_KNOWN) break;
              const bit = pairBit(w & P_SYM, w2 & P_SYM, pairShift);
              if ((pairs[bit >>> 5]! & (1 << (bit & 31))) !== 0) break;
            }
            const m = w & SKIP_MASK;
            if (m === SKIP_HANGUL) {
              if (pc === OTHER_) wn++;
              pc = HANGUL_;
              prevSpace = false;
              open = (w & P_TITLE_END) !== 0;
            } else if (m === P_KNOWN) {
              const space = (w & P_SPACE) !== 0;
              if (space && prevSpace) break; // a run of spaces: the loop above records it
              pc = OTHER_;
              open = true;
              prevSpace = space;
            } else break;
            k++;
          }
          prevCls = pc;
          prevTitle = open; // read only after Hangul, where it is the title flag
        }
        i = k - 1;
        continue;
      }
    }
    // Hand over to the general scan from `i`, up to past the special character.
    gen.wn = wn;
    gen.sn = sn;
    gen.prevCls = prevCls;
    gen.prevSpace = prevSpace;
    gen.prevUpper = prevUpper;
    gen.prevTitle = prevTitle;
    let stop = i;
    while (stop < n && (pack[u[stop]!]! & (P_SPECIAL | P_DELETE)) !== P_SPECIAL) stop++;
    const resume = scanGeneral(t, text, i, stop, seams, spaces);
    wn = gen.wn;
    sn = gen.sn;
    prevCls = gen.prevCls;
    prevSpace = gen.prevSpace;
    prevUpper = gen.prevUpper;
    prevTitle = gen.prevTitle;
    sp = spaces?.data;
    i = resume - 1;
  }
  if (spaces) spaces.length = sn;
}

/**
 * The general scan (every fold case, several live walks at once): from `i0` with the
 * state in `gen`, until the first position after `stopAfter` where no walk is alive
 * (returned, state saved in `gen`), or the end of the text. Hits go to the hit buffer.
 */
function scanGeneral(t: Tables, text: string, i0: number, stopAfter: number, seams: boolean, spaces: Offsets | undefined): number {
  // Imported bindings copied to locals: transpilers that emit CommonJS (tsx) turn every
  // read of an imported binding into a getter call, which in this loop cost a third of the time.
  const OTHER_ = OTHER_CLASS;
  const HANGUL_ = HANGUL_CLASS;
  const { rootNext, childRange, label, out, outNext, pack } = t;
  const nodeOf = walkNode;
  const startOf = walkStart;
  const wordsOf = walkWords;
  const n = text.length;
  let wn = gen.wn;
  let sp = spaces?.data;
  let sn = gen.sn;
  let live = 0;
  let prevCls = gen.prevCls;
  let prevSpace = gen.prevSpace;
  let prevUpper = gen.prevUpper;
  let prevTitle = gen.prevTitle;
  const anyHangul = everyHangulStart;
  for (let i = i0; i < n; i++) {
    if (live === 0) {
      if (i > stopAfter) {
        // Past the special character with no walk alive: the fast scan takes over again.
        gen.wn = wn;
        gen.sn = sn;
        gen.prevCls = prevCls;
        gen.prevSpace = prevSpace;
        gen.prevUpper = prevUpper;
        gen.prevTitle = prevTitle;
        return i;
      }
      // The fast state, while no walk is alive: most of any text. Letters inside a word,
      // spaces and punctuation only update the previous-character state; a word start
      // only needs one root lookup. Anything else drops to the full step below.
      for (; i < n; i++) {
        const v0 = pack[text.charCodeAt(i)]!;
        if ((v0 & (P_KNOWN | P_SPECIAL)) !== P_KNOWN) break; // not computed yet, or special
        const cl = (v0 >>> 16) & 3;
        if (cl === OTHER_) {
          // No key starts with a space (keys are trimmed); punctuation in no key starts nothing.
          const space = (v0 & P_SPACE) !== 0;
          if (!space && (v0 & P_SYM) !== 0) break;
          if (space && sp !== undefined && (prevSpace || (v0 & P_MARK) !== 0)) {
            if (sn === sp.length) sp = spaces!.data = withRoom(sp, sn + 1);
            sp[sn++] = i;
          }
          prevCls = OTHER_;
          prevSpace = space;
          prevUpper = false;
          prevTitle = false;
          continue;
        }
        if (cl === HANGUL_) {
          // A syllable that begins a run or follows a title may start a Hangul key; most start none.
          if ((prevCls !== HANGUL_ || prevTitle || anyHangul) && rootNext[v0 & P_SYM] !== 0) break;
          if (prevCls === OTHER_) wn++;
          prevCls = HANGUL_;
          prevSpace = false;
          prevUpper = false;
          prevTitle = (v0 & P_TITLE_END) !== 0;
          continue;
        }
        const up = (v0 & P_UPPER) !== 0;
        if (prevCls === OTHER_ || prevCls === HANGUL_) {
          if (rootNext[v0 & P_SYM] !== 0) break; // a key may start here
          if (prevCls === OTHER_) wn++;
        } else if (cl !== prevCls || (up && seams)) break; // script change, or a capital inside a word
        prevCls = cl;
        prevSpace = false;
        prevUpper = up;
        prevTitle = false;
      }
      if (i >= n) break;
    }
    const c = text.charCodeAt(i);
    let v = pack[c]!;
    if (v === 0) v = packOf(t, c);
    let cls = (v >>> 16) & 3;
    let piece: string | undefined;
    let end = i + 1;
    if ((v & P_SPECIAL) !== 0) {
      // Rare: deleted (apostrophes, soft hyphens), a character reference, or several units.
      const f = c < 128 ? FOLD_DOC[c]! : FOLD[c]!;
      if (c === 38) {
        const ref = decodeEntityAt(text, i);
        piece = ref ? normalizeString(ref.value) : ' ';
        if (ref) end = i + ref.length;
        if (piece === '' && ref && (ref.value === '&' || /\s/u.test(ref.value))) piece = ' ';
      } else piece = f === DELETE ? '' : multi_[f - MULTI_BASE]!;
      if (piece === '') {
        i = end - 1;
        continue;
      }
      v = pack[piece.charCodeAt(0)]!;
      if (v === 0) v = packOf(t, piece.charCodeAt(0));
      cls = (v >>> 16) & 3;
    }
    for (let k = 0; ; ) {
      const space = (v & P_SPACE) !== 0;
      if (space && piece === undefined && sp !== undefined && (prevSpace || (v & P_MARK) !== 0)) {
        if (sn === sp.length) sp = spaces!.data = withRoom(sp, sn + 1);
        sp[sn++] = i;
      }
      if (!(space && prevSpace)) {
        // Hangul may start a key where a run begins or after a syllable that ends a title
        // (외무상최선희: the Hangul rule rejects any other start inside a run, see hangul.ts);
        // other scripts at a word start, which also comes right after Hangul.
        let start = cls === HANGUL_ ? prevCls !== HANGUL_ || prevTitle || anyHangul : prevCls === OTHER_ || prevCls === HANGUL_;
        const upper = (v & P_UPPER) !== 0;
        if (!start && seams && upper) {
          // A capital inside a word ("ComradeKim"): after a lower-case letter or digit, or the
          // last capital before a lower-case letter ("HEKim"), so ALL-CAPS words do not
          // start a walk at every letter.
          const next = text.charCodeAt(end);
          start = !prevUpper || (next >= 97 && next <= 122);
        }
        if (cls !== OTHER_ && prevCls === OTHER_) wn++;
        const sym = v & P_SYM;
        // Advance the live walks.
        if (live !== 0) {
          let w = 0;
          if (sym !== 0) {
            for (let a = 0; a < live; a++) {
              const node = nodeOf[a]!;
              const next = step(childRange, label, node, sym);
              if (next !== 0) {
                const from = startOf[a]!;
                const words = wordsOf[a]!;
                for (let o = out[next]!; o !== -1; o = outNext[o]!) pushHit(o, from, end, words, wn);
                nodeOf[w] = next;
                startOf[w] = from;
                wordsOf[w] = words;
                w++;
              }
            }
          }
          live = w;
        }
        // Start a walk here.
        if (start && sym !== 0) {
          const node = rootNext[sym]!;
          if (node !== 0) {
            for (let o = out[node]!; o !== -1; o = outNext[o]!) pushHit(o, i, end, wn, wn);
            // Peek at the next character: most walks die right there ("t" of "the"), and a
            // walk that never goes live lets the rest of the word take the fast path.
            // Not inside a piece of several units (ﬁ → fi): its next unit is not text[end].
            let survives = true;
            const pc = text.charCodeAt(end);
            const pv = end < n ? pack[pc]! : P_KNOWN;
            if (pv !== 0 && (pv & P_SPECIAL) === 0 && (piece === undefined || k === piece.length - 1)) {
              const ps = pv & P_SYM;
              if (ps === 0) survives = false;
              else if (step(childRange, label, node, ps) === 0) survives = false;
            }
            if (survives && live < MAX_WALKS) {
              nodeOf[live] = node;
              startOf[live] = i;
              wordsOf[live] = wn;
              live++;
            }
          }
        }
        prevCls = cls;
        prevSpace = space;
        prevUpper = upper;
        prevTitle = (v & P_TITLE_END) !== 0;
      }
      if (piece === undefined || ++k >= piece.length) break;
      const pc = piece.charCodeAt(k);
      v = pack[pc]!;
      if (v === 0) v = packOf(t, pc);
      cls = (v >>> 16) & 3;
    }
    i = end - 1;
  }
  gen.wn = wn;
  gen.sn = sn;
  if (spaces) spaces.length = sn;
  return n;
}
