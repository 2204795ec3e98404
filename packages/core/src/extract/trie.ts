import { withRoom } from './buffers.ts';
import { CASE_BIT_BASE } from './normalize.ts';
import { gateInputs, type Gate } from './gate.ts';

/** A built trie: the scan layout and its size. */
export interface Trie {
  tables: Tables;
  nodeCount: number;
  /** Bytes held by the tables that do not grow with use. */
  bytes: number;
}

/** The trie of `keys` (key `i` is output `i`; empty keys are ignored). */
export function buildTrie(keys: readonly string[]): Trie {
  const builder = new TrieBuilder(keys.length);
  for (const k of keys) builder.add(k);
  return builder.finish();
}

// A node's children hash next to each other (its slot plus the symbol): the many lookups
// under one busy node ("kim ") read the same few cache lines.
const hashOf = (node: number, sym: number, tBits: number, tMask: number): number => ((Math.imul(node, 0x9e3779b1) >>> (32 - tBits)) + sym) & tMask;

/** Puts `node` → `child` on symbol `s` into the open-addressing table `ht` of 2^tBits slots. */
function place(ht: Int32Array, tBits: number, node: number, s: number, child: number): void {
  const tMask = (1 << tBits) - 1;
  let h = hashOf(node, s, tBits, tMask);
  while (ht[3 * h] !== -1) h = (h + 1) & tMask;
  ht[3 * h] = node;
  ht[3 * h + 1] = s;
  ht[3 * h + 2] = child;
}

/**
 * add() walks a key whose first words are shorter than this: a lookup would cost as much.
 * (addCombinations looks up every first token from the root, short ones too: a romanized
 * surname, "kim", begins thousands of names.)
 */
const MIN_HEAD = 8;
/** Lookups of heads after which walkFromRoot checks that they still pay. */
export const HEAD_TRIAL = 4096;

/**
 * Builds a trie key by key: insertion-order node records (symbols assigned on first
 * sight, records grown by doubling, further children in an open-addressing hash for
 * lookups and in a list per node for the layout), then,
 * in {@link finish}, one sequential renumbering into the scan layout. No per-node
 * objects. Keys are inserted as they are made, so that none has to outlive the young
 * generation (at 100k aliases, holding ~300k key strings until a separate build made the
 * collector copy them all), or from their parts, never made as strings
 * ({@link addCombinations}). Both walk the trie the same way (see walkOn).
 */
export class TrieBuilder {
  /** Keys added so far; the next one is output `count`. */
  count = 0;
  private readonly symOf = new Uint16Array(65536);
  private alphabet = 1;
  private readonly rootWide = new Int32Array(65536);
  private nd: Int32Array;
  private nodes = 1; // node 0 is the root
  private outNext: Int32Array;
  private tBits = 10;
  private ht: Int32Array;
  // Further children as (child, symbol, next) triples; a node's record holds its list's head + 1.
  private extras: Int32Array;
  private extraCount = 0;
  // The key add() added last: the next one's walk starts where they part (see walkOn).
  private prevKey = '';
  // Nodes reached from the root by a name's first words, by those words (see walkFromRoot).
  private readonly heads = new Map<string, number>();
  private headLookups = 0;
  private headHits = 0;
  /** Which of addCombinations' spacings each key it added last is written in. */
  spacingOf: Uint8Array = new Uint8Array(64);
  // addCombinations' scratch, per token: the node each way of writing has reached, where
  // each starts the token; and walkOn's, per add() (slot 0) or token and way of writing.
  private readonly levelNodes: Int32Array[] = [];
  private readonly levelStarts: Int32Array[] = [];
  private readonly levelPaths: (Int32Array | undefined)[] = [];

  /**
   * `expectedKeys` sizes the first buffers; more keys only cost a regrowth. Sized for
   * about 2.7 nodes and one further child per key, as a large watchlist makes (789k
   * nodes and 288k further children for 297k keys): growing them by doubling, and
   * rehashing the children, was a twentieth of a 100k-alias build.
   */
  constructor(expectedKeys = 1024) {
    this.nd = new Int32Array(Math.max(64, Math.ceil(expectedKeys * 2.75)) * 4);
    this.extras = new Int32Array(3 * Math.max(1024, expectedKeys));
    this.nd[2] = -1; // the root's outputs
    this.outNext = new Int32Array(Math.max(16, expectedKeys));
    while (1 << this.tBits < 1.6 * expectedKeys) this.tBits++; // room for about one further child per key: rarely a rehash
    this.ht = new Int32Array(3 << this.tBits).fill(-1);
  }

  /** Adds the next key. */
  add(k: string): void {
    // Many names begin with the same words (a first name and patronymic, "Amur Trade
    // Company No."): the node after them is looked up, not walked again.
    const cut = k.lastIndexOf(' ') + 1;
    if (cut >= MIN_HEAD && this.headLookups >= 0) {
      this.output(this.walkOn(0, this.walkFromRoot(0, k.slice(0, cut)), k.slice(cut), ''), -1);
      this.prevKey = '';
      return;
    }
    this.output(this.walkOn(0, 0, k, this.prevKey), -1);
    this.prevKey = k;
  }

  /**
   * Adds one key per combination of `options` (a list of spellings per token, the first
   * token's slowest) and per way of writing it in `spacings` (each: before which tokens a
   * space goes; the keys of one combination consecutive, in that order): the keys of
   * adding each such string (see romanizedKoreanVariants), without making the strings.
   * The trie is walked depth-first, so what the combinations and the ways of writing them
   * share is walked once. A key whose spelling is already a key numbered `distinctFrom`
   * or above is left out (-1: none is). Returns the number of keys added; `spacingOf[k]` then says in
   * which way the k-th of them is written.
   */
  addCombinations(options: readonly (readonly string[])[], spacings: readonly (readonly boolean[])[], distinctFrom: number): number {
    const first = this.count;
    const ways = spacings.length;
    for (let t = 0; t <= options.length; t++) {
      if ((this.levelNodes[t]?.length ?? 0) < ways) {
        this.levelNodes[t] = new Int32Array(ways);
        this.levelStarts[t] = new Int32Array(ways);
      }
    }
    this.levelNodes[0]!.fill(0);
    this.combinations(options, spacings, distinctFrom, first, 0);
    // The next add() must not take these keys' last as its predecessor.
    this.prevKey = '';
    return this.count - first;
  }

  private combinations(options: readonly (readonly string[])[], spacings: readonly (readonly boolean[])[], distinctFrom: number, first: number, t: number): void {
    const ways = spacings.length;
    const at = this.levelNodes[t]!;
    if (t === options.length) {
      for (let w = 0; w < ways; w++) {
        const ki = this.output(at[w]!, distinctFrom);
        if (ki < 0) continue;
        if (ki - first >= this.spacingOf.length) {
          const wider = new Uint8Array(2 * (ki - first + 1));
          wider.set(this.spacingOf);
          this.spacingOf = wider;
        }
        this.spacingOf[ki - first] = w;
      }
      return;
    }
    // Where each way of writing starts this token; ways that start at one node walk it once.
    const starts = this.levelStarts[t]!;
    for (let w = 0; w < ways; w++) starts[w] = spacings[w]![t] ? this.childOn(at[w]!, 32) : at[w]!;
    const next = this.levelNodes[t + 1]!;
    let prev = '';
    for (const o of options[t]!) {
      let looked = false;
      for (let w = 0; w < ways; w++) {
        let same = -1;
        for (let x = 0; x < w && same < 0; x++) if (starts[x] === starts[w]) same = x;
        if (same >= 0) next[w] = next[same]!;
        else if (starts[w] === 0 && this.headLookups >= 0) {
          // From the root: a token many names begin with (a first name and patronymic in
          // one case) is walked once per build, not once per name.
          next[w] = this.walkFromRoot(1 + t * ways + w, o);
          looked = true;
        } else next[w] = this.walkOn(1 + t * ways + w, starts[w]!, o, prev);
      }
      this.combinations(options, spacings, distinctFrom, first, t + 1);
      // A head looked up leaves its slot's path unknown: the next walk starts afresh.
      prev = looked ? '' : o;
    }
  }

  /**
   * The node after `head` from the root, made where missing: looked up rather than walked
   * when heads repeat (a head that begins one name often begins many), while at least
   * half the lookups find one; where few repeat (names of unrelated words), the lookups
   * cost more than the walks, and stop (`headLookups` -1: callers walk instead).
   */
  private walkFromRoot(slot: number, head: string): number {
    let node = this.heads.get(head);
    if (node === undefined) {
      node = this.walkOn(slot, 0, head, '');
      this.heads.set(head, node);
    } else this.headHits++;
    if (++this.headLookups === HEAD_TRIAL) {
      if (2 * this.headHits < HEAD_TRIAL) {
        this.headLookups = -1;
        this.heads.clear();
      } else this.headLookups = this.headHits = 0;
    }
    return node;
  }

  /**
   * Makes key `count` end at `node` (the root: an empty key, which matches nothing), unless
   * `node` already has a key numbered `distinctFrom` or above (-1: never). Returns the
   * key's number, or -1 if left out.
   */
  private output(node: number, distinctFrom: number): number {
    const out = this.nd[(node << 2) + 2]!;
    if (node !== 0 && distinctFrom >= 0 && out >= distinctFrom) return -1;
    const ki = this.count++;
    if (ki === this.outNext.length) this.outNext = withRoom(this.outNext, ki + 1);
    this.outNext[ki] = node === 0 ? -1 : out;
    if (node !== 0) this.nd[(node << 2) + 2] = ki;
    return ki;
  }

  /**
   * The node after `o` from `from`, made where missing. Keys come grouped by entity and
   * form, and spellings of one token often share a beginning (александра, александру):
   * the walk goes on from where `prev`, walked last from the same node under `slot`
   * (`levelPaths[slot][d]`: the node after d of its units), parted from `o`; that part
   * needs no lookups at all.
   */
  private walkOn(slot: number, from: number, o: string, prev: string): number {
    let path = this.levelPaths[slot];
    if (path === undefined || path.length < o.length + 1) path = this.levelPaths[slot] = withRoom(path ?? new Int32Array(32), o.length + 1);
    let i = 0;
    if (prev === '') path[0] = from;
    else {
      const shared = Math.min(o.length, prev.length);
      while (i < shared && o.charCodeAt(i) === prev.charCodeAt(i)) i++;
    }
    let v = path[i]!;
    for (; i < o.length; i++) path[i + 1] = v = this.childOn(v, o.charCodeAt(i));
    return v;
  }

  /** The child of `node` on code unit `c`, made if there is none. */
  private childOn(node: number, c: number): number {
    const { symOf } = this;
    let s = symOf[c]!;
    if (s === 0) s = symOf[c] = this.alphabet++;
    if (node === 0) {
      const r = this.rootWide[s]!;
      if (r !== 0) return r;
      return (this.rootWide[s] = this.newNode());
    }
    const b = node << 2;
    const f = this.nd[b]!;
    if (f === s) return this.nd[b + 1]!;
    if (f === 0) {
      const child = this.newNode();
      this.nd[b] = s;
      this.nd[b + 1] = child;
      return child;
    }
    if (this.nd[b + 3] !== 0) {
      const found = this.hashed(node, s);
      if (found !== 0) return found;
    }
    const child = this.newNode();
    this.hash(node, s, child);
    this.nd[b + 3] = this.extraEdge(this.nd[b + 3]!, s, child);
    return child;
  }

  private newNode(): number {
    const v = this.nodes++;
    if ((v + 1) * 4 > this.nd.length) this.nd = withRoom(this.nd, (v + 1) * 4);
    this.nd[(v << 2) + 2] = -1;
    return v;
  }

  /**
   * Records a further child (`child` on `s`) in front of the list whose head is `head`
   * (0: none), and returns the new head: one list per node, so that {@link finish} reads
   * a node's children without sorting every edge by parent.
   */
  private extraEdge(head: number, s: number, child: number): number {
    const e = this.extraCount++;
    if (3 * e + 3 > this.extras.length) this.extras = withRoom(this.extras, 3 * e + 3);
    this.extras[3 * e] = child;
    this.extras[3 * e + 1] = s;
    this.extras[3 * e + 2] = head;
    return e + 1;
  }

  /** The child of `node` on `s` in the hash, or 0. */
  private hashed(node: number, s: number): number {
    const { ht, tBits } = this;
    const tMask = (1 << tBits) - 1;
    for (let h = hashOf(node, s, tBits, tMask); ; h = (h + 1) & tMask) {
      const p = ht[3 * h]!;
      if (p === -1) return 0;
      if (p === node && ht[3 * h + 1] === s) return ht[3 * h + 2]!;
    }
  }

  /** Puts a further child into the hash (before {@link extraEdge} counts it). */
  private hash(node: number, s: number, child: number): void {
    // Linear probing stays short up to a load of 0.6; a table a third smaller than at 0.5
    // misses the cache less on the lookups of a large build.
    if ((this.extraCount + 1) * 5 > 3 << this.tBits) {
      const oldHt = this.ht;
      this.ht = new Int32Array(3 << ++this.tBits).fill(-1);
      for (let o = 0; o < oldHt.length; o += 3) if (oldHt[o] !== -1) place(this.ht, this.tBits, oldHt[o]!, oldHt[o + 1]!, oldHt[o + 2]!);
    }
    place(this.ht, this.tBits, node, s, child);
  }

  /** The scan layout of the keys added. The builder is spent. */
  finish(): Trie {
    const { symOf, nd, nodes, extras } = this;
    const outNext = this.outNext.slice(0, this.count);
    // Capitals carry the case bit in folded documents (see normalize.ts): same symbol.
    for (let c = 97; c <= 122; c++) symOf[CASE_BIT_BASE + c] = symOf[c]!;
    const tables = toScanLayout(symOf, this.rootWide.subarray(0, this.alphabet), nd, nodes, extras, outNext);
    const bytes =
      symOf.byteLength +
      tables.rootNext.byteLength +
      tables.childRange.byteLength +
      tables.label.byteLength +
      tables.out.byteLength +
      outNext.byteLength +
      tables.pack.byteLength +
      tables.gateInput.byteLength +
      tables.pairs.byteLength;
    return { tables, nodeCount: nodes, bytes };
  }
}

/**
 * The scan layout: the children of a node are consecutive ids (`childRange[2v]` up to
 * `childRange[2v + 1]`), sorted by symbol, so a step reads two adjacent ints and a few
 * adjacent labels; there is no hashing. The root's children come first and are also a
 * dense table.
 */
export interface Tables {
  symOf: Uint16Array;
  /** The root's child per symbol (0: none), dense. */
  rootNext: Int32Array;
  /** Per node `v`, its children's ids: from `childRange[2v]` up to (not including) `childRange[2v + 1]`. */
  childRange: Int32Array;
  /** Per node, the symbol of the edge into it. */
  label: Uint16Array;
  /** Per node, its first output key (-1: none); further ones follow `outNext`. */
  out: Int32Array;
  outNext: Int32Array;
  /** Symbols below this one are those of code units below U+1100 (alphabetic scripts). */
  small: number;
  /**
   * Per original code unit, everything the scan needs in one read (0 = not computed yet):
   * the symbol of its folded form (bits 0–15), its class (bits 16–17) and flags.
   */
  pack: Int32Array;
  /** Gate input per code unit, filled with `pack` (see gate.ts). */
  gateInput: Uint16Array;
  /**
   * A set of the symbol pairs that begin keys (the first two edges of every path from the
   * root), as a bit table indexed by {@link pairBit}; it may hold pairs that begin no key.
   */
  pairs: Int32Array;
  /** 32 minus log2 of the pair table's bit count. */
  pairShift: number;
  /** The gate without and with seams, built on first use (null: not yet; undefined: none fits). */
  gates: (Gate | undefined | null)[];
}

/** The child of `node` on symbol `s`, or 0. */
export function step(childRange: Int32Array, label: Uint16Array, node: number, s: number): number {
  let lo = childRange[2 * node]!;
  let hi = childRange[2 * node + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) {
      const l = label[lo]!;
      if (l >= s) return l === s ? lo : 0;
    }
    return 0;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const l = label[mid]!;
    if (l === s) return mid;
    if (l < s) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

/**
 * Renumbers the insertion-order trie (a first child per node record, further children in
 * a list per node) into {@link Tables}. Linear apart from sorting each node's children by
 * symbol.
 */
function toScanLayout(symOf: Uint16Array, rootWide: Int32Array, nd: Int32Array, nodes: number, extras: Int32Array, outNext: Int32Array): Tables {
  // Symbols renumbered in code-unit order, so the letters of alphabetic scripts (below
  // U+1100) take the first `small` numbers: the gate's table has a column for each.
  const perm = new Uint16Array(rootWide.length);
  let small = 1;
  let assigned = 1;
  for (let c = 0; c < 65536; c++) {
    const old = symOf[c]!;
    if (old === 0 || perm[old] !== 0) continue;
    perm[old] = assigned++;
    if (c < 0x1100) small = assigned;
  }
  for (let c = 0; c < 65536; c++) symOf[c] = perm[symOf[c]!]!;

  // Nodes in creation order (a parent is always made before its children), each giving
  // its children the next block of ids: the node records are read in order (a
  // breadth-first order read them at random: 40 % of the trie's build at 100k aliases).
  const label = new Uint16Array(nodes);
  const childRange = new Int32Array(2 * nodes);
  const out = new Int32Array(nodes);
  const newOf = new Int32Array(nodes); // old id → new id (the root stays 0)
  // One node's children, gathered then sorted by symbol.
  let sym = new Uint16Array(Math.max(16, rootWide.length));
  let child: Int32Array = new Int32Array(sym.length);
  let next = 1;
  for (let old = 0; old < nodes; old++) {
    let k = 0;
    if (old === 0) {
      for (let s = 1; s < rootWide.length; s++) {
        if (rootWide[s] === 0) continue;
        sym[k] = perm[s]!;
        child[k++] = rootWide[s]!;
      }
    } else {
      const b = old << 2;
      if (nd[b] !== 0) {
        sym[k] = perm[nd[b]!]!;
        child[k++] = nd[b + 1]!;
      }
      for (let e = nd[b + 3]! - 1; e >= 0; e = extras[3 * e + 2]! - 1) {
        if (k === sym.length) {
          const wider = new Uint16Array(2 * k);
          wider.set(sym);
          sym = wider;
          child = withRoom(child, 2 * k);
        }
        sym[k] = perm[extras[3 * e + 1]!]!;
        child[k++] = extras[3 * e]!;
      }
    }
    if (k > 1) sortEdges(sym, child, 0, k);
    const v = newOf[old]!;
    childRange[2 * v] = next;
    for (let e = 0; e < k; e++) {
      newOf[child[e]!] = next;
      label[next] = sym[e]!;
      next++;
    }
    childRange[2 * v + 1] = next;
    out[v] = nd[(old << 2) + 2]!;
  }
  const rootNext = new Int32Array(rootWide.length);
  for (let c = childRange[0]!; c < childRange[1]!; c++) rootNext[label[c]!] = c;
  const { pairs, pairShift } = pairTable(childRange, label);
  return { symOf, rootNext, childRange, label, out, outNext, small, pack: new Int32Array(65536), gateInput: gateInputs(small), gates: [null, null], pairs, pairShift };
}

/** The bit of the pair table for symbols `a` then `b`. */
export function pairBit(a: number, b: number, shift: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> shift;
}

/** The pair set of {@link Tables.pairs}: about 16 bits per pair, so that few other pairs share a bit. */
function pairTable(childRange: Int32Array, label: Uint16Array): { pairs: Int32Array; pairShift: number } {
  let count = 0;
  for (let r = childRange[0]!; r < childRange[1]!; r++) count += childRange[2 * r + 1]! - childRange[2 * r]!;
  let log = 12;
  while (log < 20 && 1 << log < 16 * count) log++;
  const pairs = new Int32Array(1 << (log - 5));
  const shift = 32 - log;
  for (let r = childRange[0]!; r < childRange[1]!; r++) {
    for (let c = childRange[2 * r]!; c < childRange[2 * r + 1]!; c++) {
      const bit = pairBit(label[r]!, label[c]!, shift);
      pairs[bit >>> 5] = pairs[bit >>> 5]! | (1 << (bit & 31));
    }
  }
  return { pairs, pairShift: shift };
}

/** Sorts edges `[a, b)` by symbol: insertion sort for the usual handful, else by index. */
function sortEdges(sym: Uint16Array, child: Int32Array, a: number, b: number): void {
  if (b - a <= 16) {
    for (let i = a + 1; i < b; i++) {
      const s = sym[i]!;
      const c = child[i]!;
      let j = i - 1;
      while (j >= a && sym[j]! > s) {
        sym[j + 1] = sym[j]!;
        child[j + 1] = child[j]!;
        j--;
      }
      sym[j + 1] = s;
      child[j + 1] = c;
    }
    return;
  }
  const idx = Array.from({ length: b - a }, (_, i) => a + i).sort((x, y) => sym[x]! - sym[y]!);
  const s2 = idx.map((i) => sym[i]!);
  const c2 = idx.map((i) => child[i]!);
  for (let i = 0; i < s2.length; i++) {
    sym[a + i] = s2[i]!;
    child[a + i] = c2[i]!;
  }
}
