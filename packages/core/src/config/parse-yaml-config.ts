import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';

/**
 * Parses YAML text and validates it with a zod schema. Any problem becomes a
 * {@link ConfigError} naming the file, the line and the field.
 */
export function parseYamlConfig<T>(text: string, file: string, schema: z.ZodType<T>): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigError(
      `${file}:${line}: this is not valid YAML (${firstLine(yamlError.message)}); fix the syntax on that line.`,
      file,
      line,
    );
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }) ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const line = lineOf(doc, path, lineCounter);
  const field = formatPath(path);
  throw new ConfigError(
    `${file}${line ? `:${line}` : ''}: ${field ? `field "${field}": ` : ''}${issue.message}.`,
    file,
    line,
    field,
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOf(doc: ReturnType<typeof parseDocument>, path: (string | number)[], lc: LineCounter): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** `entities[3].aliases[0]` */
export function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
