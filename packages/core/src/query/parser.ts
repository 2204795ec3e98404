import { QuerySyntaxError, type QueryNode } from './ast.ts';
import { lexQuery, type QueryToken } from './lexer.ts';

/**
 * Parses a story query. Grammar, loosest binding first:
 *
 *     query   = or
 *     or      = and { "OR" and }
 *     and     = near { ["AND"] near }        adjacency means AND
 *     near    = unary { "NEAR/n" unary }     within n words, either order
 *     unary   = "NOT" unary | primary
 *     primary = "(" or ")" | word | "phrase" | prefix* | @entity-id
 *
 * Throws {@link QuerySyntaxError} naming the position of the first problem.
 */
export function parseQuery(query: string): QueryNode {
  const tokens = lexQuery(query);
  let pos = 0;
  const end = query.length + 1;
  const peek = (): QueryToken | undefined => tokens[pos];
  const where = (): number => peek()?.position ?? end;
  const describe = (t: QueryToken | undefined): string =>
    t === undefined ? 'the end of the query' : t.type === 'rparen' ? '")"' : t.type === 'near' ? `"NEAR/${t.distance}"` : `"${t.type.toUpperCase()}"`;

  const startsPrimary = (t: QueryToken | undefined): boolean =>
    t !== undefined && ['word', 'phrase', 'prefix', 'entity', 'lparen', 'not'].includes(t.type);

  function parseOr(): QueryNode {
    const children = [parseAnd()];
    while (peek()?.type === 'or') {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  function parseAnd(): QueryNode {
    const children = [parseNear()];
    for (;;) {
      const t = peek();
      if (t?.type === 'and') {
        pos++;
        children.push(parseNear());
      } else if (startsPrimary(t)) {
        children.push(parseNear());
      } else break;
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  function parseNear(): QueryNode {
    let left = parseUnary();
    for (let t = peek(); t?.type === 'near'; t = peek()) {
      pos++;
      const right = parseUnary();
      if (left.kind === 'not' || right.kind === 'not') throw new QuerySyntaxError('NOT cannot be an operand of NEAR', t.position);
      left = { kind: 'near', distance: t.distance, left, right, position: t.position };
    }
    return left;
  }

  function parseUnary(): QueryNode {
    const t = peek();
    if (t?.type === 'not') {
      pos++;
      return { kind: 'not', child: parseUnary(), position: t.position };
    }
    return parsePrimary();
  }

  function parsePrimary(): QueryNode {
    const t = peek();
    switch (t?.type) {
      case 'word':
      case 'phrase':
        pos++;
        return { kind: 'term', text: t.value, phrase: t.type === 'phrase', position: t.position };
      case 'prefix':
        pos++;
        return { kind: 'prefix', text: t.value, position: t.position };
      case 'entity':
        pos++;
        return { kind: 'entity', id: t.value, position: t.position };
      case 'lparen': {
        pos++;
        const inner = parseOr();
        if (peek()?.type !== 'rparen') {
          throw new QuerySyntaxError(`expected ")" to close the "(" at position ${t.position}, found ${describe(peek())}`, where());
        }
        pos++;
        return inner;
      }
      default:
        throw new QuerySyntaxError(`expected a word, "phrase", prefix*, @entity or "(", found ${describe(t)}`, where());
    }
  }

  if (tokens.length === 0) throw new QuerySyntaxError('the query is empty', 1);
  const root = parseOr();
  if (pos < tokens.length) throw new QuerySyntaxError(`unexpected ${describe(peek())}`, where());
  if (!canMatchPositively(root)) {
    throw new QuerySyntaxError('the query only says what must be absent; add a word, phrase or @entity that must be present', 1);
  }
  return root;
}

/** A query must require something present, or it would match almost every article. */
function canMatchPositively(node: QueryNode): boolean {
  switch (node.kind) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(canMatchPositively);
    case 'or':
      return node.children.every(canMatchPositively);
    default:
      return true;
  }
}

/** Every `@entity` reference in a query, with its position. */
export function entityRefs(node: QueryNode): { id: string; position: number }[] {
  switch (node.kind) {
    case 'entity':
      return [{ id: node.id, position: node.position }];
    case 'and':
    case 'or':
      return node.children.flatMap(entityRefs);
    case 'not':
      return entityRefs(node.child);
    case 'near':
      return [...entityRefs(node.left), ...entityRefs(node.right)];
    default:
      return [];
  }
}
