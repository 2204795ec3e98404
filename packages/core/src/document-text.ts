import type { DocumentInput } from './types.ts';

/**
 * The single string a document is matched against: title, a blank line, then body.
 * Evidence offsets index this string, so every consumer must build it the same way.
 */
export function documentText(doc: DocumentInput): string {
  const title = doc.title?.trim();
  return title ? `${title}\n\n${doc.body}` : doc.body;
}
