/** A parsed story query. `position` fields are 1-based character positions in the query text. */
export type QueryNode =
  | { kind: 'term'; text: string; phrase: boolean; position: number }
  | { kind: 'prefix'; text: string; position: number }
  | { kind: 'entity'; id: string; position: number }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode; position: number }
  | { kind: 'near'; distance: number; left: QueryNode; right: QueryNode; position: number };

/** A story query that does not parse. The message names the 1-based character position. */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  constructor(
    /** What is wrong, without the position. */
    readonly reason: string,
    /** 1-based character position in the query. */
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
  }
}

/** Writes a node back as query text (used by `watchlist explain`). */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.phrase || /[\s()"]/.test(node.text) ? `"${node.text}"` : node.text;
    case 'prefix':
      return `${node.text}*`;
    case 'entity':
      return `@${node.id}`;
    case 'and':
      return node.children.map((c) => wrap(c, 'and')).join(' AND ');
    case 'or':
      return node.children.map((c) => wrap(c, 'or')).join(' OR ');
    case 'not':
      return `NOT ${wrap(node.child, 'not')}`;
    case 'near':
      return `${wrap(node.left, 'near')} NEAR/${node.distance} ${wrap(node.right, 'near')}`;
  }
}

function wrap(node: QueryNode, _parent: 'and' | 'or' | 'not' | 'near'): string {
  // Composite operands are always parenthesized: unambiguous, and precedence need not be known to read it.
  const composite = node.kind === 'and' || node.kind === 'or' || node.kind === 'near';
  return composite ? `(${formatQuery(node)})` : formatQuery(node);
}
