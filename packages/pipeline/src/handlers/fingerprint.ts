import { normalizedWords, simhash64 } from '@tumen/feeds';

/** Texts shorter than this are not clustered: headlines and captions collide too easily. */
export const MIN_CLUSTER_WORDS = 20;

/** A text's SimHash as stored (signed 64-bit) and its four 16-bit bands, or null for short texts. */
export function fingerprint(text: string): { simhash: bigint; bands: [number, number, number, number] } | null {
  if (normalizedWords(text).length < MIN_CLUSTER_WORDS) return null;
  const hash = simhash64(text);
  return {
    simhash: BigInt.asIntN(64, hash),
    bands: [Number(hash & 0xffffn), Number((hash >> 16n) & 0xffffn), Number((hash >> 32n) & 0xffffn), Number((hash >> 48n) & 0xffffn)],
  };
}

/** Bits that differ between two stored (signed) SimHashes. */
export function simhashDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}
