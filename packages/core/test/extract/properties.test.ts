import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWatchlist, normalize } from '../../src/index.ts';
import { entity, wl } from './helpers.ts';

const watchlist = wl([
  entity('ro-tu-chol', 'Ro Tu Chol', ['로두철', 'Ро Ду Чхоль'], { lang: 'ko' }),
  entity('kozlov', 'Alexander Kozlov', ['Kozlov', 'Козлов']),
  entity('vladivostok', 'Vladivostok', ['블라디보스토크', 'Владивосток'], { type: 'place' }),
]);
const compiled = compileWatchlist(watchlist);
const ids = (body: string): string[] => compiled.extract({ body }).map((m) => m.id).sort();

const names = ['Ro Tu Chol', 'Alexander Kozlov', 'Kozlov', 'Vladivostok', '로두철', '블라디보스토크', 'Козлов', 'Владивосток', 'Ро Ду Чхоль'];
const fillers = ['met', 'in', 'the', 'talks', 'said', '회담', '만났다', 'встреча', 'и', '.', ',', '(', ')'];

/** Randomly changes case and replaces each space by a run of spaces, tabs, newlines or hyphens. */
function perturb(text: string, seed: number): string {
  let x = seed >>> 0 || 1;
  const rnd = (): number => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32;
  const ws = [' ', '  ', '\t', '\n', ' \n ', '\u00a0', '-', ' – '];
  let out = '';
  for (const ch of text) {
    if (ch === ' ') out += ws[Math.floor(rnd() * ws.length)]!;
    else out += rnd() < 0.5 ? ch.toUpperCase() : ch.toLowerCase();
  }
  return out;
}

describe('matching survives case and whitespace changes', () => {
  it('finds the same entities after random case and whitespace perturbation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...names), fc.constantFrom(...fillers)), { minLength: 1, maxLength: 20 }),
        fc.integer(),
        (words, seed) => {
          const text = words.join(' ');
          expect(ids(perturb(text, seed))).toEqual(ids(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every inserted name is found, with evidence equal to the inserted text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.constantFrom(...fillers), { maxLength: 8 }), fc.integer(), (name, around, seed) => {
        const spelled = perturb(name, seed);
        const body = `${around.join(' ')} ${spelled} ${around.reverse().join(' ')}`;
        const ev = compiled.extract({ body }).flatMap((m) => m.evidence);
        expect(ev.some((e) => e.text === spelled && body.slice(e.start, e.end) === spelled)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('evidence snippets', () => {
  it('the per-text writer builds the same snippet as the reference, for any whitespace, with or without the scan\'s marks', async () => {
    const { EvidenceWriter, snippet } = await import('../../src/extract/evidence.ts');
    const { buildAutomaton } = await import('../../src/extract/automaton.ts');
    // Marks come from a scan over the same text; its keys decide where the scan hands over
    // between the gate and the exact scans, so a few keys make it do so often.
    const automaton = buildAutomaton(['kim', 'a a', 'a-', '김', 'ж', 'b'].map((k) => normalize(k)));
    const piece = fc.constantFrom(
      'a', 'Kim', '김', 'ж', 'b', ' ', '  ', '\n', '\n\n', '\t', ' \n ', '\u00a0', '\v', '\f', '   ', '\r\n', '😀', '.', ' - ', '-', '—', '&nbsp;', '&amp;', "'", '\u00ad', '\u2003', 'ß',
    );
    const store = { data: new Int32Array(2), length: 0 };
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 400, size: 'max' }), fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.nat()), { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, spans, seams) => {
        const text = parts.join('');
        const marks = { data: new Int32Array(1), length: 0 };
        automaton.scan(text, () => {}, seams, marks);
        // Several snippets from one writer, anywhere in the text (texts up to 400 pieces
        // long, so that windows miss most runs), forward and back: the runs it finds once
        // serve them all.
        // The last writer keeps its runs in a buffer that earlier texts left longer and filled.
        const writers = [new EvidenceWriter(text), new EvidenceWriter(text, marks), new EvidenceWriter(text, marks, store)];
        for (const [a, b] of [...spans, [0, 0], [999, 0], ...spans.slice().reverse()]) {
          const start = Math.floor((a * text.length) / 1000);
          const end = start + 1 + (b % Math.min(12, text.length - start));
          for (const writer of writers) {
            const ev = writer.make(start, end);
            expect(ev.text).toBe(text.slice(start, end));
            expect(ev.snippet).toBe(snippet(text, start, end));
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('glued names', () => {
  it('the word-by-word check of ASCII names agrees with the title-case expression', async () => {
    const { gluedName } = await import('../../src/extract/boundary.ts');
    // Three or more words in title case exactly, split by whitespace or dashes (boundary.ts).
    const titleCase = /^\p{Lu}[\p{Ll}\p{M}'’ʼ]*(?:[\s\p{Pd}]+\p{Lu}[\p{Ll}\p{M}'’ʼ]*){2,}$/u;
    const piece = fc.constantFrom('Kim', 'kim', 'KIM', 'Jong', 'Un', 'O', 'x', ' ', '  ', '-', '\t', '\n', "'", "Kwangch'ol", 'McD', '1', '.', 'Ŏ', 'ŏ', '’', '—', 'Ким');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 9 }), (parts) => {
        const s = parts.join('');
        expect(gluedName(s)).toBe(titleCase.test(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('hit order', () => {
  it('inOrder gives an entity’s hits the stable sort by start, longer first, from any order', async () => {
    const { inOrder } = await import('../../src/in-order.ts');
    const byStartLongerFirst = (a: { start: number; end: number }, b: { start: number; end: number }): number => a.start - b.start || b.end - a.end;
    const hit = fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 6 })).map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      fc.property(fc.array(hit, { maxLength: 80, size: 'max' }), fc.boolean(), (hits, byEnd) => {
        // As the scan gives them (by end), or in any order (far from sorted: the fallback).
        const input = byEnd ? [...hits].sort((a, b) => a.end - b.end || a.start - b.start) : hits;
        const tagged = input.map((h, i) => ({ ...h, i }));
        const expected = [...tagged].sort((a, b) => a.start - b.start || b.end - a.end).map((h) => h.i);
        expect(inOrder(tagged, byStartLongerFirst).map((h) => h.i)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('acronyms', () => {
  it('the unit-by-unit acronym test agrees with the case-conversion definition', async () => {
    const { isAcronym } = await import('../../src/extract/russian-endings.ts');
    const byCase = (o: string): boolean => o.length > 1 && o === o.toUpperCase() && o !== o.toLowerCase();
    const piece = fc.constantFrom('Р', 'Ж', 'Д', 'р', 'ж', 'Ё', 'ё', 'Ѐ', 'џ', 'A', 'b', 'Z', '1', '-', '.', ' ', 'É', 'é', 'Σ', 'ß', '김', 'ǅ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const o = parts.join('');
        expect(isAcronym(o)).toBe(byCase(o));
      }),
      { numRuns: 5000 },
    );
  });
});
