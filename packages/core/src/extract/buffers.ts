/** Typed-array buffers shared by the scan, the trie build and evidence. */

/**
 * `a` with room for at least `need` entries: `a` itself if it has it, else a new array of
 * twice its length (or `need`, if more) holding its first `keep` entries.
 */
export function withRoom(a: Int32Array, need: number, keep = a.length): Int32Array {
  if (a.length >= need) return a;
  const bigger = new Int32Array(Math.max(a.length * 2, need));
  bigger.set(keep === a.length ? a : a.subarray(0, keep));
  return bigger;
}

/** A growable list of UTF-16 offsets, reused from one document to the next: `data[0..length)` hold them. */
export interface Offsets {
  data: Int32Array;
  length: number;
}

/**
 * Offsets reused from one document to the next, whose buffer a rare huge document may
 * grow (a 20 MB text has hundreds of thousands of whitespace runs): after it, the big buffer is only weakly
 * held, taken back by the next huge document unless the collector wanted the memory
 * (growing it again, by doubling, was 2.5 % of such a document's extraction).
 */
export class ReusedOffsets implements Offsets {
  data: Int32Array;
  length = 0;
  private big: WeakRef<Int32Array> | undefined;

  constructor(private readonly capacity: number) {
    this.data = new Int32Array(capacity);
  }

  /** Empties the list before a document of `units` code units. */
  prepare(units: number): void {
    this.length = 0;
    if (units > 16 * this.capacity) {
      const big = this.big?.deref();
      if (big !== undefined && big.length > this.data.length) this.data = big;
    }
  }

  /** After the document: a big buffer is let go of (weakly held), a small one kept. */
  release(): void {
    if (this.data.length > 64 * this.capacity) {
      this.big = new WeakRef(this.data);
      this.data = new Int32Array(this.capacity);
    }
    this.length = 0;
  }
}

const hasBuffer = typeof Buffer === 'function';

/**
 * Copies the code units of `text` into `into` (at least `text.length` long): one native
 * copy where Node's Buffer is there, typed-array reads after it costing about half of
 * `charCodeAt`.
 */
export function writeUnits(text: string, into: Uint16Array): void {
  if (hasBuffer) Buffer.from(into.buffer, into.byteOffset, into.byteLength).write(text, 0, 'utf16le');
  else for (let i = 0; i < text.length; i++) into[i] = text.charCodeAt(i);
}
