import type { RandomSource } from './random.js';

/**
 * Standard normal variates from a uniform source by Marsaglia's polar method; draws come in
 * pairs, so the second of each pair is kept for the next call. Deterministic given the source.
 */
export function createNormalSampler(random: RandomSource): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    for (;;) {
      const u = 2 * random.next() - 1;
      const v = 2 * random.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * factor;
        return u * factor;
      }
    }
  };
}
