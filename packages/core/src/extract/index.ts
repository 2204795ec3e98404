import type { DocumentInput, Evidence, ExtractedMatch, Watchlist } from '../types.ts';
import { documentText } from '../document-text.ts';

/** A watchlist compiled for matching; immutable, safe to share. */
export interface CompiledWatchlist {
  /** Stable hash of the watchlist content; changes when the watchlist does. */
  readonly version: string;
  readonly watchlist: Watchlist;
  /** Finds every entity and story in a document, with evidence. */
  extract(doc: DocumentInput): ExtractedMatch[];
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * Compiles a watchlist. First version: whole-word, case-insensitive matching of
 * names and aliases in any script (the full engine replaces this).
 */
export function compileWatchlist(watchlist: Watchlist): CompiledWatchlist {
  const terms = watchlist.entities.map((e) => ({
    entity: e,
    needles: [...new Set([e.name, ...e.aliases].map((a) => a.toLowerCase()))],
  }));
  return {
    version: hashString(JSON.stringify(watchlist)),
    watchlist,
    extract(doc) {
      const text = documentText(doc);
      const lower = text.toLowerCase();
      const out: ExtractedMatch[] = [];
      for (const { entity, needles } of terms) {
        const evidence: Evidence[] = [];
        for (const needle of needles) {
          for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
            const end = i + needle.length;
            if (WORD.test(text[i - 1] ?? '') || WORD.test(text[end] ?? '')) continue;
            evidence.push({ text: text.slice(i, end), start: i, end, snippet: snippet(text, i, end) });
          }
        }
        if (evidence.length) {
          evidence.sort((a, b) => a.start - b.start);
          out.push({ id: entity.id, type: 'entity', name: entity.name, evidence });
        }
      }
      return out;
    },
  };
}

function snippet(text: string, start: number, end: number, radius = 80): string {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

function hashString(s: string): string {
  let h1 = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193);
  return (h1 >>> 0).toString(16).padStart(8, '0');
}
