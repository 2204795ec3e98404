import type { DocumentInput, Evidence, ExtractedMatch, Story, Watchlist } from '../types.ts';
import { documentText } from '../document-text.ts';
import type { QueryNode } from '../query/ast.ts';
import { QuerySyntaxError } from '../query/ast.ts';
import { evaluateQuery, NO_HITS, type ClauseTrace, type TermHit } from '../query/evaluate.ts';
import { compileProgram, runProgram, type Program } from '../query/program.ts';
import { parseQuery } from '../query/parser.ts';
import { buildAutomaton, type Automaton } from './automaton.ts';
import { TrieBuilder } from './trie.ts';
import { ReusedOffsets, withRoom } from './buffers.ts';
import { charClass, OTHER } from './char-class.ts';
import { inOrder, spansInOrder } from '../in-order.ts';
import { boundaryFast, checkBoundary, Rejection, REJECTION_REASONS } from './boundary.ts';
import { hangulBoundaryFast } from './hangul.ts';
import { READ_AHEAD, READ_AHEAD_FROM, readAheadDone } from './read-ahead.ts';
import { contentHash, EvidenceWriter, makeEvidence, SNIPPET_RADIUS } from './evidence.ts';
import { createFoldBuffer, foldedOffset, foldText, normalize, originalEnd, type FoldedText } from './normalize.ts';
import { BoundaryRule, formKeys, formsOf, keyForPrefix, keysForEntity, keysForForm, type KeySpec } from './variants.ts';
import type { RussianKeyParts } from './russian-endings.ts';
import { romanizedSpacings } from './korean-romanization.ts';

/** A watchlist compiled for matching; immutable, safe to share. */
export interface CompiledWatchlist {
  /** Stable hash of the watchlist content; changes when the watchlist does. */
  readonly version: string;
  readonly watchlist: Watchlist;
  /** Finds every entity and story in a document, with evidence. */
  extract(doc: DocumentInput): ExtractedMatch[];
}

/** Bumped when matching rules change, so stored results keyed by `version` are recomputed. */
export const ENGINE_VERSION = 'tumen-extract/2';

/**
 * Compiles a watchlist: every entity name and alias with its generated variants, and
 * every story query term, go into one automaton; story queries are parsed once.
 * Pure and synchronous. Throws {@link QuerySyntaxError} for a query that does not parse
 * or names an unknown entity (a watchlist validated by `parseWatchlist` never does).
 */
export function compileWatchlist(watchlist: Watchlist): CompiledWatchlist {
  return new Compiled(watchlist, false);
}

/** Why an entity matched or did not, variant by variant. */
export interface EntityExplanation {
  kind: 'entity';
  id: string;
  name: string;
  matched: boolean;
  /** Each written form (name, aliases) and the folded spellings generated from it. */
  forms: { form: string; variants: string[] }[];
  /** Accepted hits: which spelling matched, as which rule. */
  hits: { variant: string; form: string; rule: string; evidence: Evidence }[];
  /** Candidates the boundary rules rejected, with the reason. */
  rejected: { variant: string; form: string; reason: string; evidence: Evidence }[];
  /** Hits dropped because a longer match of the same entity contains them. */
  suppressed: { variant: string; byEntity: string; evidence: Evidence }[];
  /** Hits dropped because one of the entity's `exclude` phrases contains them. */
  excluded: { variant: string; exclude: string; evidence: Evidence }[];
}

/** Why a story matched or did not, clause by clause. */
export interface StoryExplanation {
  kind: 'story';
  id: string;
  name: string;
  query: string;
  matched: boolean;
  clauses: ClauseTrace;
  /** Evidence per clause hit, resolved to text. */
  evidence: Evidence[];
}

/** One of {@link EntityExplanation} or {@link StoryExplanation}. */
export type Explanation = EntityExplanation | StoryExplanation;

/**
 * Explains why the entity or story `id` of `watchlist` matched `doc` or did not.
 * Returns undefined if the watchlist has no such id.
 */
export function explainMatch(watchlist: Watchlist, id: string, doc: DocumentInput): Explanation | undefined {
  return new Compiled(watchlist, true).explain(id, doc);
}

const RULE_NAMES = ['whole word', 'Hangul (particles and titles)', 'Russian case endings', 'prefix'];

interface Term {
  key: string;
  leaf: QueryNode;
}

/** An accepted hit; also the TermHit story queries read. */
interface RawHit extends TermHit {
  target: number;
  key: number;
  /**
   * Its evidence once made: a story's evidence is often its entities' or another story's
   * hits. Null: an entity's kept hit, whose evidence is still to be made.
   */
  evidence: Evidence | null | undefined;
}

class Compiled implements CompiledWatchlist {
  private versionHash: string | undefined;
  readonly watchlist: Watchlist;
  private readonly automaton: Automaton;
  private readonly keyTarget: Int32Array;
  private readonly keyRule: Uint8Array;
  private readonly keyParadigm: Uint8Array;
  /** 1 for full romanized Korean names, which may be glued to neighbouring words (see boundary.ts). */
  private readonly keyGlue: Uint8Array;
  /** 1 for the keys of an entity's `exclude` phrases: their hits only cancel the entity's hits inside them. */
  private readonly keyExclude: Uint8Array;
  /**
   * 1 for the keys whose last unit is not a letter: a Russian ending or a prefix's word
   * continuation after one starts a word (the scan counts words up to the key's end).
   */
  private readonly keyEndsOther: Uint8Array;
  /** Only kept for `explain`: the spelling and source form of each key. */
  private readonly keyText: string[] | undefined;
  private readonly keyForm: string[] | undefined;
  private readonly entityCount: number;
  /** Entity index by id, for the entities that story queries name. */
  private readonly entityIndex = new Map<string, number>();
  /** Per query leaf, its target: an entity index, or entityCount + a term index. */
  private readonly leafTarget = new Map<QueryNode, number>();
  /** The stories' parsed queries, and each compiled for matching. */
  private readonly queries: { story: Story; ast: QueryNode }[];
  private readonly programs: Program[];
  /** Scratch for the small windows folded around candidate hits. */
  private readonly window: FoldedText = createFoldBuffer(512);
  /** Where the scan saw whitespace runs, for the snippets (see EvidenceWriter). */
  private readonly spaces = new ReusedOffsets(256);
  /** The whitespace runs the snippets collapse (see EvidenceWriter). */
  private readonly runs = new ReusedOffsets(256);
  private readonly hasGlue: boolean;
  /** Per entity, where its hits are in the current run (see groupEntities); the entities the last run touched. */
  private readonly slotOf: Int32Array;
  private readonly touched: number[] = [];
  // The run being evaluated, and what the story programs read of it: made once, not per
  // document (under tsx every named closure also costs a defineProperty for its name).
  private current: Run | undefined;
  private readonly hitsNow = (target: number): RawHit[] | undefined => this.targetHits(target, this.current!);
  // What the scan callback needs of the scan in progress (scans never nest).
  private readonly scanning: { text: string; entityHits: RawHit[]; termHits: RawHit[][]; debug: RunDebug | undefined } = {
    text: '',
    entityHits: [],
    termHits: [],
    debug: undefined,
  };
  private readonly onHit = (k: number, s: number, e: number, wordsTo: number, wordsThrough: number): void => {
    const scanning = this.scanning;
    const r = this.check(scanning.text, k, s, e, scanning.debug ? true : undefined);
    if (r < 0) {
      scanning.debug?.rejected.push({ key: k, start: s, end: e, reason: r });
      return;
    }
    // What a Russian ending or a prefix's continuation adds is letters: a word start only after a key ending in punctuation.
    const w1 = r > e && this.keyEndsOther[k] === 1 ? wordsThrough + 1 : wordsThrough;
    const target = this.keyTarget[k]!;
    // Word indices from the counts of word starts up to the first and the last unit.
    const hit: RawHit = { target, key: k, start: s, end: r, firstWord: wordsTo > 0 ? wordsTo - 1 : 0, lastWord: w1 > 0 ? w1 - 1 : 0, nearA: 0, nearB: 0, evidence: undefined };
    if (target < this.entityCount) scanning.entityHits.push(hit);
    else (scanning.termHits[target - this.entityCount] ??= []).push(hit);
  };

  constructor(watchlist: Watchlist, retainKeys: boolean) {
    this.watchlist = watchlist;
    this.entityCount = watchlist.entities.length;
    this.slotOf = new Int32Array(this.entityCount).fill(-1);
    // About three keys per name or alias (variants, case forms), more for Korean names.
    let names = 0;
    for (const e of watchlist.entities) names += 1 + e.aliases.length;
    const keys = new TrieBuilder(names * 3);
    const keyText: string[] | undefined = retainKeys ? [] : undefined;
    // Per key: its target, and rule | paradigm << 8 | glue << 16 | exclusion << 17 |
    // ends-in-punctuation << 18. Typed arrays grown by
    // doubling: at 100k aliases, pushing to five JS arrays was a sixth of the build.
    let target: Int32Array = new Int32Array(1024);
    let flags: Int32Array = new Int32Array(1024);
    const forms: string[] | undefined = retainKeys ? [] : undefined;
    // No de-duplication here: a key that occurs twice for one entity only yields hits on
    // the same span, which suppressContained() merges; checking would cost more at 100k aliases.
    const reserve = (keyCount: number): void => {
      if (keyCount <= target.length) return;
      target = withRoom(target, keyCount);
      flags = withRoom(flags, keyCount);
    };
    const add = (t: number, specs: KeySpec[], form: string, korean = false, exclusion = false): void => {
      for (const k of specs) {
        const i = keys.count;
        reserve(i + 1);
        keys.add(k.key);
        keyText?.push(k.key);
        target[i] = t;
        flags[i] = k.rule | (k.paradigm << 8) | (korean && k.rule === 0 && wordCount(k.key) >= 3 ? 1 << 16 : 0) | (exclusion ? 1 << 17 : 0) | (endsInOther(k.key) ? 1 << 18 : 0);
        forms?.push(form);
      }
    };
    this.queries = watchlist.stories.map((story) => ({ story, ast: parseStoryQuery(story) }));
    // Only the entities that queries name are indexed by id: a map of every id was a
    // twentieth of the build at 100k aliases.
    const named = new Set<string>();
    for (const q of this.queries) {
      forEachLeaf(q.ast, (leaf) => {
        if (leaf.kind === 'entity') named.add(leaf.id);
      });
    }
    // A romanized Korean name's keys go into the trie straight from its syllables' spellings
    // (a name like Kang Chol Chol has 36), and a Cyrillic name's from their heads and tail
    // (a person's: a head per case): making each key as a string, and reading it back, was
    // a tenth of the build at 100k aliases. `explain` makes the strings, as it lists them.
    const addRomanized = (t: number, options: readonly (readonly string[])[]): void => {
      const spacings = romanizedSpacings(options.length);
      const from = keys.count;
      const added = keys.addCombinations(options, spacings, from);
      reserve(from + added);
      target.fill(t, from, from + added);
      // The flags add() would give them: whole words, glued when of three words or more.
      const flagOf = spacings.map((spaceBefore) => (spaceBefore.filter(Boolean).length >= 2 ? 1 << 16 : 0));
      for (let k = 0; k < added; k++) flags[from + k] = flagOf[keys.spacingOf[k]!]!;
    };
    const addCyrillic = (t: number, { heads, tail, paradigm }: RussianKeyParts): void => {
      const from = keys.count;
      const added = keys.addCombinations([heads, [tail]], HEAD_THEN_TAIL, EVERY_COMBINATION);
      reserve(from + added);
      target.fill(t, from, from + added);
      for (let k = 0; k < added; k++) {
        flags[from + k] = BoundaryRule.Cyrillic | (paradigm << 8) | (endsInOther(tail === '' ? heads[k]! : tail) ? 1 << 18 : 0);
      }
    };
    watchlist.entities.forEach((e, i) => {
      if (named.size > 0 && named.has(e.id)) this.entityIndex.set(e.id, i);
      const person = e.type === 'person';
      for (const form of formsOf(e)) {
        // `explain` lists every key's spelling, so it has them made as strings.
        const plan = retainKeys ? undefined : formKeys(form, { lang: e.lang, person });
        if (plan === undefined) add(i, keysForForm(form, { lang: e.lang, person }), form, e.lang === 'ko');
        else if (plan.kind === 'romanized') addRomanized(i, plan.options);
        else if (plan.kind === 'cyrillic') for (const parts of plan.parts) addCyrillic(i, parts);
        else add(i, plan.keys, form, e.lang === 'ko');
      }
      for (const phrase of e.exclude ?? []) add(i, keysForForm(phrase, { lang: e.lang, person }), phrase, false, true);
    });

    const termByKey = new Map<string, number>();
    const terms: Term[] = [];
    for (const q of this.queries) {
      const { story, ast } = q;
      forEachLeaf(ast, (leaf) => {
        if (leaf.kind === 'entity') {
          const e = this.entityIndex.get(leaf.id);
          if (e === undefined) {
            throw new QuerySyntaxError(`story "${story.id}" refers to @${leaf.id}, which is not an entity of this watchlist`, leaf.position);
          }
          this.leafTarget.set(leaf, e);
          return;
        }
        const key = `${leaf.kind}\u0000${leaf.kind === 'term' || leaf.kind === 'prefix' ? normalize(leaf.text) : ''}`;
        let t = termByKey.get(key);
        if (t === undefined) {
          t = terms.length;
          termByKey.set(key, t);
          terms.push({ key, leaf });
          const specs =
            leaf.kind === 'prefix' ? [keyForPrefix(leaf.text)].filter((k): k is KeySpec => !!k) : leaf.kind === 'term' ? keysForForm(leaf.text, {}) : [];
          add(this.entityCount + t, specs, leaf.kind === 'prefix' ? `${leaf.text}*` : leaf.kind === 'term' ? leaf.text : '');
        }
        this.leafTarget.set(leaf, this.entityCount + t);
      });
    }

    this.programs = this.queries.map((q) => compileProgram(q.ast, (leaf) => this.leafTarget.get(leaf)!));
    const n = keys.count;
    this.automaton = buildAutomaton(keys);
    this.keyTarget = target.slice(0, n);
    this.keyRule = new Uint8Array(n);
    this.keyParadigm = new Uint8Array(n);
    this.keyGlue = new Uint8Array(n);
    this.keyExclude = new Uint8Array(n);
    this.keyEndsOther = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const f = flags[i]!;
      this.keyRule[i] = f & 0xff;
      this.keyParadigm[i] = (f >>> 8) & 0xff;
      this.keyGlue[i] = (f >>> 16) & 1;
      this.keyExclude[i] = (f >>> 17) & 1;
      this.keyEndsOther[i] = (f >>> 18) & 1;
    }
    this.hasGlue = this.keyGlue.includes(1);
    this.automaton.prepare(this.hasGlue);
    this.keyText = keyText;
    this.keyForm = forms;
  }

  /** Hashed on first use: stringifying a 100k-alias watchlist costs more than matching needs to wait for. */
  get version(): string {
    this.versionHash ??= contentHash(JSON.stringify([ENGINE_VERSION, this.watchlist]));
    return this.versionHash;
  }

  /** Statistics for benchmarks and `watchlist check`. */
  get stats(): { keys: number; nodes: number; bytes: number } {
    return { keys: this.automaton.keyCount, nodes: this.automaton.nodeCount, bytes: this.automaton.bytes };
  }

  extract(doc: DocumentInput): ExtractedMatch[] {
    const text = documentText(doc);
    const run = this.run(text, undefined);
    const out: ExtractedMatch[] = [];
    const stories: { story: Story; hits: TermHit[] }[] = [];
    if (this.programs.length > 0) {
      this.current = run;
      for (let q = 0; q < this.programs.length; q++) {
        const hits = runProgram(this.programs[q]!, this.hitsNow);
        if (hits !== undefined) stories.push({ story: this.queries[q]!.story, hits });
      }
      this.current = undefined;
    }
    this.runs.prepare(text.length);
    const writer = new EvidenceWriter(text, this.spaces, this.runs);
    const entityEvidence = evidenceInScanOrder(run, writer, text);
    for (let k = 0; k < run.entityIds.length; k++) {
      const e = this.watchlist.entities[run.entityIds[k]!]!;
      out.push({ id: e.id, type: 'entity', name: e.name, evidence: entityEvidence[k]! });
    }
    for (const { story, hits } of stories) out.push({ id: story.id, type: 'story', name: story.name, evidence: toEvidence(hits, writer) });
    this.spaces.release();
    this.runs.release();
    return out;
  }

  explain(id: string, doc: DocumentInput): Explanation | undefined {
    const text = documentText(doc);
    const found = this.watchlist.entities.findIndex((e) => e.id === id);
    const ei = found === -1 ? undefined : found;
    const rejected: { key: number; start: number; end: number; reason: number }[] = [];
    const suppressed: { hit: RawHit; by: number }[] = [];
    const excluded: { hit: RawHit; by: RawHit }[] = [];
    const run = this.run(text, { rejected, suppressed, excluded });
    const keyText = this.keyText!;
    const keyForm = this.keyForm!;
    if (ei !== undefined) {
      const e = this.watchlist.entities[ei]!;
      const hits = run.hitsOf(ei) ?? [];
      return {
        kind: 'entity',
        id: e.id,
        name: e.name,
        matched: hits.length > 0,
        forms: keysForEntity(e).map(({ form, keys }) => ({ form, variants: [...new Set(keys.map((k) => k.key))] })),
        hits: hits.map((h) => ({
          variant: keyText[h.key]!,
          form: keyForm[h.key]!,
          rule: RULE_NAMES[this.keyRule[h.key]!]!,
          evidence: makeEvidence(text, h.start, h.end),
        })),
        rejected: rejected
          .filter((r) => this.keyTarget[r.key] === ei)
          .map((r) => ({
            variant: keyText[r.key]!,
            form: keyForm[r.key]!,
            reason: REJECTION_REASONS[r.reason] ?? 'rejected',
            evidence: makeEvidence(text, r.start, r.end),
          })),
        suppressed: suppressed
          .filter((s) => s.hit.target === ei)
          .map((s) => ({ variant: keyText[s.hit.key]!, byEntity: this.watchlist.entities[s.by]!.id, evidence: makeEvidence(text, s.hit.start, s.hit.end) })),
        excluded: excluded
          .filter((x) => x.hit.target === ei)
          .map((x) => ({ variant: keyText[x.hit.key]!, exclude: keyForm[x.by.key]!, evidence: makeEvidence(text, x.hit.start, x.hit.end) })),
      };
    }
    const q = this.queries.find((x) => x.story.id === id);
    if (!q) return undefined;
    const trace: ClauseTrace[] = [];
    const r = evaluateQuery(q.ast, (leaf) => this.leafHits(leaf, run), trace);
    return {
      kind: 'story',
      id: q.story.id,
      name: q.story.name,
      query: q.story.query,
      matched: r.matched,
      clauses: plainTrace(trace[0]!),
      evidence: explainEvidence(r.hits, text),
    };
  }

  /** The hits of a query leaf, read-only (shared between stories): the run's own hits. */
  private leafHits(leaf: QueryNode, run: Run): TermHit[] {
    const target = this.leafTarget.get(leaf);
    return (target === undefined ? undefined : this.targetHits(target, run)) ?? NO_HITS;
  }

  /** The accepted hits of an entity index or entityCount + term index, or undefined if none. */
  private targetHits(target: number, run: Run): RawHit[] | undefined {
    return target < this.entityCount ? run.hitsOf(target) : run.termHits[target - this.entityCount];
  }

  /**
   * Checks a candidate hit `[s0, e0)` (original offsets) of key `k` against its
   * surroundings: folds a small window of the original text around it and applies the
   * key's boundary rule. Returns the original end of the accepted match (a Russian ending
   * or a prefix's word continuation extends it), or a negative Rejection.
   */
  private check(text: string, k: number, s0: number, e0: number, debugReasons?: true): number {
    const rule = this.keyRule[k]!;
    const glue = this.keyGlue[k] === 1;
    const n = text.length;
    // Fast path for whole words between ASCII separators: most English candidates (glued
    // names too: with a separator on each side there is nothing glued).
    if (rule === BoundaryRule.Word) {
      const before = s0 === 0 ? 32 : text.charCodeAt(s0 - 1);
      const after = e0 === n ? 32 : text.charCodeAt(e0);
      if (before < 128 && after < 128 && ASCII_SEPARATOR[before] === 1 && ASCII_SEPARATOR[after] === 1 && !(glue && before === 59)) return e0;
    }
    if (rule === BoundaryRule.Hangul) {
      const fast = hangulBoundaryFast(text, s0, e0);
      if (fast === true) return e0;
      if (fast === false && debugReasons === undefined) return Rejection.HangulSuffix;
    }
    if (rule !== BoundaryRule.Hangul) {
      const fast = boundaryFast(rule, this.keyParadigm[k]!, text, s0, e0, glue);
      if (fast !== undefined) return fast;
    }
    let w0 = Math.max(0, s0 - 24);
    const limit = Math.max(0, w0 - 40);
    while (w0 > limit && !isSpaceCode(text.charCodeAt(w0 - 1))) w0--;
    const w1 = Math.min(n, e0 + (rule === BoundaryRule.Prefix ? 256 : 40));
    const fw = foldText(text.slice(w0, w1), this.window);
    const fs = foldedOffset(fw, s0 - w0);
    const fe = e0 - w0 >= fw.text.length ? fw.length : foldedOffset(fw, e0 - w0);
    const r = checkBoundary(rule, this.keyParadigm[k]!, fw, fs, fe, fw.text, glue);
    if (r < 0) return r;
    return r === fe ? e0 : w0 + originalEnd(fw, r - 1);
  }

  /** One fused fold-and-match pass, boundary checks, then grouping by target. */
  private run(text: string, debug: RunDebug | undefined): Run {
    const all: RawHit[] = [];
    const termHits: RawHit[][] = [];
    this.spaces.prepare(text.length);
    const scanning = this.scanning;
    scanning.text = text;
    scanning.entityHits = all;
    scanning.termHits = termHits;
    scanning.debug = debug;
    // explain() also lists the Hangul candidates inside longer words, which no scan walks otherwise.
    if (debug) this.automaton.scanEveryStart(text, this.onHit, this.hasGlue, this.spaces);
    else this.automaton.scan(text, this.onHit, this.hasGlue, this.spaces);
    scanning.text = '';
    scanning.entityHits = [];
    scanning.termHits = [];
    scanning.debug = undefined;
    const { ids, lists } = this.groupEntities(all, debug);
    return new Run(ids, lists, this.slotOf, termHits, all);
  }

  /**
   * The hits of each entity named, entities in ascending order (see suppressContained).
   * Sparse, as a watchlist may have 100k entities and an article names a handful: groups
   * are found through `slotOf`, which afterwards says where each entity's list is (a Map
   * per document cost twice as much). The previous run's entries are cleared first.
   */
  private groupEntities(hits: RawHit[], log: RunDebug | undefined): { ids: number[]; lists: RawHit[][] } {
    const { slotOf, touched } = this;
    for (const t of touched) slotOf[t] = -1;
    touched.length = 0;
    const groups: RawHit[][] = [];
    // Indexed loops over hit lists here and below: a for-of over a 20 MB text's 84,000 hits
    // allocated an iterator result per hit (a tenth of what such a call allocates).
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i]!;
      const s = slotOf[h.target]!;
      if (s >= 0) groups[s]!.push(h);
      else {
        slotOf[h.target] = groups.length;
        groups.push([h]);
        touched.push(h.target);
      }
    }
    const ids: number[] = [];
    const lists: RawHit[][] = [];
    for (const t of inOrder(touched, ascending)) {
      const kept = suppressContained(t, groups[slotOf[t]!]!, this.keyExclude, log);
      slotOf[t] = kept.length > 0 ? lists.length : -1;
      if (kept.length > 0) {
        ids.push(t);
        lists.push(kept);
      }
    }
    return { ids, lists };
  }
}

// ASCII characters that end a word for the fast path: everything but letters, digits,
// apostrophes (possessives) and `&` (a character reference may hide a letter).
const ASCII_SEPARATOR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_SEPARATOR[c] = /[A-Za-z0-9'&]/.test(String.fromCharCode(c)) ? 0 : 1;

/** `s.split(' ').length` without building the array. */
function wordCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** What explain() wants to know of a run besides its hits. */
interface RunDebug {
  rejected: { key: number; start: number; end: number; reason: number }[];
  suppressed: { hit: RawHit; by: number }[];
  /** Hits inside one of their entity's `exclude` phrases (`by`: the phrase's hit). */
  excluded: { hit: RawHit; by: RawHit }[];
}

/** The accepted hits of one document. */
class Run {
  constructor(
    /** The entities named, ascending, and their hits. */
    readonly entityIds: number[],
    readonly entityLists: RawHit[][],
    /** Per entity, its index in entityLists (-1: none): valid until the next run. */
    readonly slotOf: Int32Array,
    readonly termHits: RawHit[][],
    /** Every accepted entity hit, in the scan's order (by end): kept ones have evidence null until made. */
    readonly entityHits: RawHit[],
  ) {}

  /** The hits of entity `e`, or undefined if it has none. */
  hitsOf(e: number): RawHit[] | undefined {
    const s = this.slotOf[e]!;
    return s < 0 ? undefined : this.entityLists[s];
  }
}

/**
 * The hits of entity `t` to keep, in text order: one hit per span, and none inside a
 * longer hit of the same entity ("Rason" inside "Rason City"), or inside one of the
 * entity's `exclude` phrases ("Moscow" inside "Moscow time"), whose own hits are never
 * kept.
 * Hits inside another entity's longer match are kept: in this beat they are real
 * mentions ("Tumen River" in "Tumen River road bridge", "DPRK" in "Foreign Trade Bank of
 * the DPRK"). `log` receives the dropped hits for explain.
 */
function suppressContained(t: number, hits: RawHit[], exclusion: Uint8Array, log: RunDebug | undefined): RawHit[] {
  // The scan reports hits by end, so one entity's hits are nearly in order already.
  const list = spansInOrder(hits);
  // Kept in place: `list` is this run's own (a group, or its sorted copy), and a second
  // list per entity was a twentieth of a 20 MB text's garbage.
  let kept = 0;
  let cover: RawHit | undefined;
  for (let i = 0; i < list.length; i++) {
    const h = list[i]!;
    if (cover && h.end <= cover.end) {
      if (exclusion[h.key] === 1) continue;
      if (exclusion[cover.key] === 1) log?.excluded.push({ hit: h, by: cover });
      else log?.suppressed.push({ hit: h, by: t });
      continue;
    }
    if (exclusion[h.key] === 0) {
      h.evidence = null;
      list[kept++] = h;
    }
    cover = h;
  }
  list.length = kept;
  return list;
}

const ascending = (a: number, b: number): number => a - b;

/** For TrieBuilder.addCombinations: a head and its tail, written with nothing between. */
const HEAD_THEN_TAIL: readonly (readonly boolean[])[] = [[false, false]];
/** For TrieBuilder.addCombinations: keep every combination, as russianKeys does. */
const EVERY_COMBINATION = -1;

/** Whether a key's last unit is not a letter (see Compiled.keyEndsOther). */
function endsInOther(key: string): boolean {
  return key.length > 0 && charClass(key.charCodeAt(key.length - 1)) === OTHER;
}

/** A trace whose hits are plain TermHits (the run's hits also carry their key and target). */
function plainTrace(t: ClauseTrace): ClauseTrace {
  return {
    clause: t.clause,
    matched: t.matched,
    hits: t.hits.map((h) => ({ start: h.start, end: h.end, firstWord: h.firstWord, lastWord: h.lastWord })),
    children: t.children.map(plainTrace),
  };
}

function explainEvidence(hits: TermHit[], text: string): Evidence[] {
  return toEvidence(hits, new EvidenceWriter(text));
}

/**
 * The evidence of each entity's kept hits (`run.entityLists`' order), made in the
 * scan's order. On a text larger than the cache, making evidence is mostly a wait for
 * the text around each hit and for the hit object: in the scan's order both are read
 * from front to back, and read ahead (read-ahead.ts). On a 20 MB text, 1.2× the whole
 * extraction (per entity, in text order, as before: 71,000 pieces took 47 ms there
 * against 9 ms on the same text as articles). One entity's kept hits contain none of
 * each other, so their order by end (the scan's) is their order by start.
 */
function evidenceInScanOrder(run: Run, writer: EvidenceWriter, text: string): Evidence[][] {
  const out: Evidence[][] = [];
  for (let k = 0; k < run.entityIds.length; k++) out.push([]);
  const hits = run.entityHits;
  const last = text.length - 1;
  const ahead = text.length >= READ_AHEAD_FROM;
  for (let b = 0; b < hits.length; b += READ_AHEAD) {
    const e = Math.min(hits.length, b + READ_AHEAD);
    if (ahead) {
      let sum = 0;
      for (let i = b; i < e; i++) {
        const h = hits[i]!;
        sum += text.charCodeAt(Math.max(0, h.start - SNIPPET_RADIUS)) + text.charCodeAt(h.start) + text.charCodeAt(Math.min(last, h.end + SNIPPET_RADIUS));
      }
      readAheadDone(sum);
    }
    for (let i = b; i < e; i++) {
      const h = hits[i]!;
      if (h.evidence !== null) continue;
      h.evidence = writer.make(h.start, h.end);
      out[run.slotOf[h.target]!]!.push(h.evidence);
    }
  }
  return out;
}

/**
 * The evidence of hits, in text order, one piece per span and none inside another. Made
 * once per hit object and kept on it: story hits are often entity hits, or hits of
 * terms other stories share. (Kept there rather than in a table by offset, whose
 * random reads cost a huge document as much as a tenth of its extraction.)
 */
function toEvidence(hits: (TermHit & { evidence?: Evidence | null | undefined })[], writer: EvidenceWriter): Evidence[] {
  // Story hits may come out of order.
  const sorted = spansInOrder(hits);
  const out: Evidence[] = [];
  let last: TermHit | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i]!;
    // Same span, or inside the previous span ("bridge" inside "road bridge"): one piece of evidence.
    if (last && h.end <= last.end) continue;
    out.push((h.evidence ??= writer.make(h.start, h.end)));
    last = h;
  }
  return out;
}

function parseStoryQuery(story: Story): QueryNode {
  try {
    return parseQuery(story.query);
  } catch (err) {
    if (err instanceof QuerySyntaxError) {
      throw new QuerySyntaxError(`story "${story.id}": ${err.reason}`, err.position);
    }
    throw err;
  }
}

/** Calls `fn` on every node of a query, parents before children. */
function forEachNode(node: QueryNode, fn: (node: QueryNode) => void): void {
  fn(node);
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const c of node.children) forEachNode(c, fn);
      break;
    case 'not':
      forEachNode(node.child, fn);
      break;
    case 'near':
      forEachNode(node.left, fn);
      forEachNode(node.right, fn);
      break;
  }
}

/** Calls `fn` on every leaf of a query (terms, prefixes, entities), left to right. */
function forEachLeaf(node: QueryNode, fn: (leaf: QueryNode) => void): void {
  forEachNode(node, (n) => {
    if (n.kind === 'term' || n.kind === 'prefix' || n.kind === 'entity') fn(n);
  });
}

/** The automaton statistics of a compiled watchlist (keys, trie nodes, bytes), for benchmarks and `watchlist check`. */
export function watchlistStats(compiled: CompiledWatchlist): { keys: number; nodes: number; bytes: number } | undefined {
  return compiled instanceof Compiled ? compiled.stats : undefined;
}

