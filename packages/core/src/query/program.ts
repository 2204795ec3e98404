import type { QueryNode } from './ast.ts';
import { nearPairs, NO_HITS, type TermHit } from './evaluate.ts';

/**
 * A story query compiled for matching: leaves name their hit lists by number, so that a
 * document's evaluation reads an array where {@link evaluateQuery} calls back per leaf.
 * Stories are long ORs of terms, most of which a document does not hold: at 100k aliases
 * the callbacks were a fifth of a Korean extraction. The semantics are evaluateQuery's
 * (a property test holds them equal); evaluateQuery stays for `explain`, which needs a
 * trace.
 */
export type Program =
  | { op: 'leaf'; target: number }
  | { op: 'or'; children: Program[] }
  | { op: 'and'; children: Program[] }
  | { op: 'not'; child: Program }
  | { op: 'near'; left: Program; right: Program; distance: number };

/** Compiles `node`; `targetOf` numbers each term, prefix and entity leaf. */
export function compileProgram(node: QueryNode, targetOf: (leaf: QueryNode) => number): Program {
  switch (node.kind) {
    case 'term':
    case 'prefix':
    case 'entity':
      return { op: 'leaf', target: targetOf(node) };
    case 'or':
    case 'and':
      return { op: node.kind, children: node.children.map((c) => compileProgram(c, targetOf)) };
    case 'not':
      return { op: 'not', child: compileProgram(node.child, targetOf) };
    case 'near':
      return { op: 'near', left: compileProgram(node.left, targetOf), right: compileProgram(node.right, targetOf), distance: node.distance };
  }
}

/**
 * The hits that make `p` hold, in evaluateQuery's order, or undefined if it does not
 * hold. `hitsOf(target)` gives the hits of a leaf's target (word positions set), or
 * undefined if it has none. A list returned may be a leaf's own: read it, never change it.
 */
export function runProgram<H extends TermHit>(p: Program, hitsOf: (target: number) => H[] | undefined): H[] | undefined {
  switch (p.op) {
    case 'leaf':
      return hitsOf(p.target);
    case 'or': {
      // The one matching child's hits as they are; a new list only when several match.
      let first: H[] | undefined;
      let hits: H[] | undefined;
      for (const c of p.children) {
        const r = runProgram(c, hitsOf);
        if (r === undefined) continue;
        if (first === undefined) first = r;
        else {
          hits ??= first.slice();
          for (const h of r) hits.push(h);
        }
      }
      return hits ?? first;
    }
    case 'and': {
      const hits: H[] = [];
      for (const c of p.children) {
        const r = runProgram(c, hitsOf);
        if (r === undefined) return undefined;
        for (const h of r) hits.push(h);
      }
      return hits;
    }
    case 'not':
      return runProgram(p.child, hitsOf) === undefined ? (NO_HITS as H[]) : undefined;
    case 'near': {
      const a = runProgram(p.left, hitsOf);
      if (a === undefined) return undefined;
      const b = runProgram(p.right, hitsOf);
      if (b === undefined) return undefined;
      return nearPairs(a, b, p.distance);
    }
  }
}
