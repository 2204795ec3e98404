/**
 * `items` in the order of `compare`: the same array when it already is (the usual case
 * for hits, which arrive in text order), else a sorted copy — by insertion while short,
 * which beats the set-up of `Array.prototype.sort` on the handful of hits of a document.
 * Stable either way.
 */
export function inOrder<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  let k = 1;
  while (k < items.length && compare(items[k - 1]!, items[k]!) <= 0) k++;
  if (k >= items.length) return items;
  const a = [...items];
  if (a.length > 32) return a.sort(compare);
  for (let i = 1; i < a.length; i++) {
    const h = a[i]!;
    let j = i - 1;
    while (j >= 0 && compare(a[j]!, h) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = h;
  }
  return a;
}

/** A span of text: hits and evidence. */
interface Span {
  start: number;
  end: number;
}

/**
 * {@link inOrder} for spans, by start and, at one start, the longer first, with the
 * comparison written in: through inOrder's comparator, which three kinds of list share, each
 * comparison was a call V8 could not inline (a twentieth of a Korean extraction, whose
 * stories' hits come as three or four runs to merge). Stable.
 */
export function spansInOrder<T extends Span>(items: T[]): T[] {
  let k = 1;
  while (k < items.length && !after(items[k - 1]!, items[k]!)) k++;
  if (k >= items.length) return items;
  const a = [...items];
  if (a.length > 32) return a.sort((x, y) => x.start - y.start || y.end - x.end);
  for (let i = k; i < a.length; i++) {
    const h = a[i]!;
    let j = i - 1;
    while (j >= 0 && after(a[j]!, h)) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = h;
  }
  return a;
}

/** Whether `x` goes after `y`: it starts later, or at the same start is shorter. */
function after(x: Span, y: Span): boolean {
  return x.start > y.start || (x.start === y.start && x.end < y.end);
}
