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
