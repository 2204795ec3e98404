import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inOrder, spansInOrder } from '../src/in-order.ts';

describe('inOrder', () => {
  const byKey = (a: { k: number; i: number }, b: { k: number; i: number }): number => a.k - b.k;

  it('orders like a stable sort, short and long, and returns a sorted input itself', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }), (keys) => {
        const items = keys.map((k, i) => ({ k, i }));
        const got = inOrder(items, byKey);
        expect(got).toEqual([...items].sort(byKey));
        if (got === items) expect(keys).toEqual([...keys].sort((a, b) => a - b));
        else expect(items.map((x) => x.k)).toEqual(keys); // the input is left alone
      }),
      { numRuns: 2000 },
    );
    const sorted = [1, 2, 2, 3].map((k, i) => ({ k, i }));
    expect(inOrder(sorted, byKey)).toBe(sorted);
  });

  it('orders spans by start, the longer first at one start, like a stable sort, short and long', () => {
    const byStartLongerFirst = (a: { start: number; end: number }, b: { start: number; end: number }): number => a.start - b.start || b.end - a.end;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 })), { maxLength: 80 }), (pairs) => {
        const spans = pairs.map(([start, length], i) => ({ start, end: start + length, i }));
        const got = spansInOrder(spans);
        expect(got).toEqual([...spans].sort(byStartLongerFirst));
        if (got === spans) expect(spans).toEqual([...spans].sort(byStartLongerFirst));
        else expect(spans.map((x) => x.i)).toEqual(pairs.map((_, i) => i)); // the input is left alone
      }),
      { numRuns: 2000 },
    );
  });
});
