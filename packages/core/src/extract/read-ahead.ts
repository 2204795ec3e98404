/**
 * Reading ahead, for loops over hits scattered through a text larger than the processor's
 * cache: a loop that works on each hit in turn waits for memory hit after hit, as its
 * work depends on what it reads. Run first over a block of hits, a loop that only reads
 * (the text at each hit's ends, the hit itself) has nothing depending on its reads, so the
 * processor overlaps their waits; the work on the block then finds them in the cache.
 * An article is in the cache already: see {@link READ_AHEAD_FROM}.
 */

/** Texts shorter than this (in code units) are not read ahead: they stay in the cache. */
export const READ_AHEAD_FROM = 1 << 16;

/** Hits read ahead at a time: few enough that what is read stays in the cache. */
export const READ_AHEAD = 32;

let sink = 0;

/** Takes the sum of what a read-ahead loop read, so that the reads are not optimized away. */
export function readAheadDone(sum: number): void {
  sink ^= sum;
}
