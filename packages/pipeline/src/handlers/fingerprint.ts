import { estimatedJaccard, lshBands, minhashSignature, NEAR_DUPLICATE_MIN_JACCARD } from '@tumen/feeds';

/** A text's MinHash signature and LSH band keys, or null for texts too short to cluster. */
export function fingerprint(text: string): { minhash: Int32Array; lsh: Int32Array } | null {
  const minhash = minhashSignature(text);
  return minhash ? { minhash, lsh: lshBands(minhash) } : null;
}

/** Whether two signatures are of one story. */
export function sameStory(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return estimatedJaccard(a, b) >= NEAR_DUPLICATE_MIN_JACCARD;
}
