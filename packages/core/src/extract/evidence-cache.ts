import type { Evidence } from '../types.ts';
import type { Offsets } from './buffers.ts';
import { EvidenceWriter } from './evidence.ts';

/**
 * Evidence objects of one extraction: entity and story evidence often name the same
 * spans, which then share one object. Keyed by start offset; a second span at the same
 * start is simply not cached.
 */
export class EvidenceCache {
  private readonly writer: EvidenceWriter;
  private readonly shared: boolean;

  /** `shared`: remember what was made (when story evidence will follow). `spaces`: see EvidenceWriter's `marks`. */
  constructor(text: string, shared = true, spaces?: Offsets) {
    this.writer = new EvidenceWriter(text, spaces);
    this.shared = shared;
    if (shared) startTable.reset();
  }

  /** Call when the extraction is done: the table must not keep its evidence (and the text they slice) alive. */
  release(): void {
    if (this.shared) startTable.release();
  }

  get(start: number, end: number): Evidence {
    if (!this.shared) return this.writer.make(start, end);
    const cached = startTable.get(start);
    if (cached !== undefined && cached.end === end) return cached;
    const ev = this.writer.make(start, end);
    if (cached === undefined) startTable.set(start, ev);
    return ev;
  }
}

/**
 * Evidence by start offset for the extraction in progress (extractions never nest): an
 * open-addressing table reused from one document to the next, emptied by a generation
 * count. A fresh Map per document grew and rehashed through five sizes for the seventy
 * pieces of evidence of a Korean article, and that was 4 % of its extraction.
 */
class StartTable {
  private mask = 255;
  /** 32 minus log2 of the capacity: the hash's top bits index the table. */
  private shift = 24;
  private starts = new Int32Array(256);
  private gens = new Int32Array(256);
  private values: (Evidence | undefined)[] = new Array<Evidence | undefined>(256).fill(undefined);
  private gen = 0;
  private size = 0;

  reset(): void {
    this.size = 0;
    if (++this.gen === 0x7fffffff) {
      this.gen = 1;
      this.gens.fill(0);
    }
  }

  /** Drops the references to the evidence held (a big table is replaced by a small one). */
  release(): void {
    if (this.mask > 4095) this.resize(256);
    else if (this.size > 0) this.values.fill(undefined);
  }

  get(start: number): Evidence | undefined {
    const { starts, gens, mask, gen } = this;
    for (let h = Math.imul(start, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      if (gens[h] !== gen) return undefined;
      if (starts[h] === start) return this.values[h];
    }
  }

  set(start: number, ev: Evidence): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const { starts, gens, mask, gen } = this;
    let h = Math.imul(start, 0x9e3779b1) >>> this.shift;
    while (gens[h] === gen) h = (h + 1) & mask;
    gens[h] = gen;
    starts[h] = start;
    this.values[h] = ev;
    this.size++;
  }

  private grow(): void {
    const { starts, gens, values, gen } = this;
    this.resize(2 * (this.mask + 1));
    for (let h = 0; h < gens.length; h++) if (gens[h] === gen) this.set(starts[h]!, values[h]!);
  }

  private resize(capacity: number): void {
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    this.starts = new Int32Array(capacity);
    this.gens = new Int32Array(capacity);
    this.values = new Array<Evidence | undefined>(capacity).fill(undefined);
    this.size = 0;
  }
}

const startTable = new StartTable();
