import { QuerySyntaxError } from './ast.ts';

/** One token of a story query. `position` is 1-based. */
export type QueryToken =
  | { type: 'word'; value: string; position: number }
  | { type: 'phrase'; value: string; position: number }
  | { type: 'prefix'; value: string; position: number }
  | { type: 'entity'; value: string; position: number }
  | { type: 'and' | 'or' | 'not' | 'lparen' | 'rparen'; position: number }
  | { type: 'near'; distance: number; position: number };

const ENTITY_ID = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Splits a query into tokens. Operators are upper case (AND, OR, NOT, NEAR/n) so that
 * lower-case "and"/"or" stay ordinary words; quotes may be straight or curly.
 */
export function lexQuery(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const ch = query[i]!;
    const position = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(') {
      tokens.push({ type: 'lparen', position });
      i++;
    } else if (ch === ')') {
      tokens.push({ type: 'rparen', position });
      i++;
    } else if (ch === '"' || ch === '\u201c' || ch === '\u201d') {
      let j = i + 1;
      while (j < n && query[j] !== '"' && query[j] !== '\u201d' && query[j] !== '\u201c') j++;
      if (j >= n) throw new QuerySyntaxError('unterminated phrase: the quote is never closed', position);
      const value = query.slice(i + 1, j).trim();
      if (!value) throw new QuerySyntaxError('empty phrase ""', position);
      tokens.push({ type: 'phrase', value, position });
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !/[\s()"\u201c\u201d]/.test(query[j]!)) j++;
      const raw = query.slice(i, j);
      i = j;
      // A lone # is a YAML comment written inside a folded query (`query: >-`), where YAML
      // keeps it as text: it would silently become part of the query.
      if (raw === '#') throw new QuerySyntaxError('"#" here is not a comment: YAML keeps comment lines inside a folded query as text; move the comment above "query:"', position);
      if (raw === 'AND') tokens.push({ type: 'and', position });
      else if (raw === 'OR') tokens.push({ type: 'or', position });
      else if (raw === 'NOT') tokens.push({ type: 'not', position });
      else if (raw.startsWith('NEAR')) {
        const m = /^NEAR\/(\d{1,4})$/.exec(raw);
        if (!m) throw new QuerySyntaxError(`"${raw}" is not a proximity operator; write NEAR/n with a word count, like NEAR/10`, position);
        tokens.push({ type: 'near', distance: Number(m[1]), position });
      } else if (raw.startsWith('@')) {
        const id = raw.slice(1);
        if (!ENTITY_ID.test(id)) throw new QuerySyntaxError(`"${raw}" is not an entity reference; write @ and an entity id, like @kozlov-alexander`, position);
        tokens.push({ type: 'entity', value: id, position });
      } else if (raw.includes('*')) {
        const stem = raw.slice(0, -1);
        if (!raw.endsWith('*') || stem.includes('*') || stem.length < 2) {
          throw new QuerySyntaxError(`"${raw}" is not a valid wildcard; only a trailing * after at least two letters is allowed, like bridg*`, position);
        }
        tokens.push({ type: 'prefix', value: stem, position });
      } else {
        tokens.push({ type: 'word', value: raw, position });
      }
    }
  }
  return tokens;
}
