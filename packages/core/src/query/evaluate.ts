import type { QueryNode } from './ast.ts';
import { formatQuery } from './ast.ts';
import { inOrder } from '../in-order.ts';

/** One hit of a query leaf: original offsets and the word positions it spans. */
export interface TermHit {
  start: number;
  end: number;
  /** Index of the first and last word covered (for NEAR). */
  firstWord: number;
  lastWord: number;
  /**
   * Scratch of NEAR's evaluation: the stamp of the last evaluation that used this hit on
   * its left or right side. Hits made in numbers should start them at 0 (one object shape).
   */
  nearA?: number;
  nearB?: number;
}

/** The outcome of a query node: whether it holds and the hits that made it hold. */
export interface ClauseResult {
  matched: boolean;
  hits: TermHit[];
}

/** A clause-by-clause account of an evaluation, for `watchlist explain`. */
export interface ClauseTrace {
  clause: string;
  matched: boolean;
  hits: TermHit[];
  children: ClauseTrace[];
}

/**
 * Evaluates a query over leaf hits. `leafHits(node)` gives the hits of a term, prefix or
 * @entity leaf. NEAR/n holds when some hit of one side is within n words of some hit of
 * the other, in either order (n counts the words strictly between them; overlapping hits
 * are at distance 0).
 */
export function evaluateQuery(node: QueryNode, leafHits: (leaf: QueryNode) => TermHit[], trace?: ClauseTrace[]): ClauseResult {
  const children: ClauseTrace[] | undefined = trace ? [] : undefined;
  const result = evaluateNode(node, leafHits, children);
  trace?.push({ clause: formatQuery(node), matched: result.matched, hits: result.hits, children: children ?? [] });
  return result;
}

// Results are read, never changed: the empty ones are shared. Stories are long ORs of
// terms, most of which a document does not hold.
/** The hits of a leaf with none: one shared list, as evaluation only reads hits. */
export const NO_HITS: TermHit[] = [];
const FAILED: ClauseResult = { matched: false, hits: NO_HITS };
const HOLDS_WITHOUT_HITS: ClauseResult = { matched: true, hits: NO_HITS };

function evaluateNode(node: QueryNode, leafHits: (leaf: QueryNode) => TermHit[], trace: ClauseTrace[] | undefined): ClauseResult {
  switch (node.kind) {
    case 'term':
    case 'prefix':
    case 'entity': {
      const hits = leafHits(node);
      return hits.length > 0 ? { matched: true, hits } : FAILED;
    }
    case 'or': {
      // The one matching child's result as it is; a new list only when several match.
      let first: ClauseResult | undefined;
      let hits: TermHit[] | undefined;
      for (const c of node.children) {
        const r = evaluateQuery(c, leafHits, trace);
        if (!r.matched) continue;
        if (first === undefined) first = r;
        else {
          hits ??= first.hits.slice();
          for (const h of r.hits) hits.push(h);
        }
      }
      if (first === undefined) return FAILED;
      return hits === undefined ? first : { matched: true, hits };
    }
    case 'and': {
      const hits: TermHit[] = [];
      let matched = true;
      for (const c of node.children) {
        const r = evaluateQuery(c, leafHits, trace);
        if (!r.matched) {
          matched = false;
          if (!trace) break;
        }
        for (const h of r.hits) hits.push(h);
      }
      return matched ? { matched, hits } : FAILED;
    }
    case 'not': {
      const r = evaluateQuery(node.child, leafHits, trace);
      return r.matched ? FAILED : HOLDS_WITHOUT_HITS;
    }
    case 'near': {
      const a = evaluateQuery(node.left, leafHits, trace);
      // Without a trace to fill, the right side need not be evaluated when the left failed.
      if (!a.matched && !trace) return FAILED;
      const b = evaluateQuery(node.right, leafHits, trace);
      if (!a.matched || !b.matched) return FAILED;
      const hits = nearPairs(a.hits, b.hits, node.distance);
      return hits === undefined ? FAILED : { matched: true, hits };
    }
  }
}

const byFirstWord = (p: TermHit, q: TermHit): number => p.firstWord - q.firstWord;

/**
 * The hits of a NEAR/`distance` whose sides hold with hits `as` and `bs` (word positions
 * set): the hits of each side within `distance` words of some hit of the other, `as`'s
 * first, or undefined if no pair is that close.
 */
export function nearPairs<H extends TermHit>(as: H[], bs: H[], distance: number): H[] | undefined {
  // Each side's hits in the order first found near the other side, once each: marked
  // with this call's stamp (a Set per side was a third of this function).
  const stamp = ++nearStamp;
  const usedA: H[] = [];
  const usedB: H[] = [];
  // Sweep instead of all pairs, so a 20 MB document with thousands of hits stays linear:
  // B sorted by first word; for each hit of A only the B hits that can be near it.
  const sorted = inOrder(bs, byFirstWord);
  let span = 0;
  // Indexed loops: on a 20 MB text a for-of here allocated an iterator result per hit.
  for (let i = 0; i < sorted.length; i++) span = Math.max(span, sorted[i]!.lastWord - sorted[i]!.firstWord);
  for (let i = 0; i < as.length; i++) {
    const x = as[i]!;
    const from = x.firstWord - distance - 1 - span;
    const to = x.lastWord + distance + 1;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.firstWord < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < sorted.length && sorted[k]!.firstWord <= to; k++) {
      const y = sorted[k]!;
      if (wordsBetween(x, y) <= distance) {
        if (x.nearA !== stamp) {
          x.nearA = stamp;
          usedA.push(x);
        }
        if (y.nearB !== stamp) {
          y.nearB = stamp;
          usedB.push(y);
        }
      }
    }
  }
  if (usedA.length === 0) return undefined;
  for (let i = 0; i < usedB.length; i++) usedA.push(usedB[i]!);
  return usedA;
}

/** The stamp of the last {@link nearPairs} call (see TermHit.nearA). */
let nearStamp = 0;

/** Words strictly between two hits; 0 when they touch or overlap. */
export function wordsBetween(x: TermHit, y: TermHit): number {
  if (x.lastWord < y.firstWord) return y.firstWord - x.lastWord - 1;
  if (y.lastWord < x.firstWord) return x.firstWord - y.lastWord - 1;
  return 0;
}
