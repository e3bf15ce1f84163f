/** A seeded source of uniform numbers; the same seed and stream always give the same sequence. */
export interface RandomSource {
  /** Uniform in [0, 1), with 32 random bits. */
  next(): number;
}

const GOLDEN = 0x9e3779b9;

/**
 * xoshiro128** (Blackman & Vigna), seeded through splitmix32 from a whole-number seed and a
 * stream number, so that independent streams (demand, lead times) can share one user seed.
 */
export function createRandom(seed: number, stream = 0): RandomSource {
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  let mix = (low ^ Math.imul(high, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35)) | 0;
  const splitmix = (): number => {
    mix = (mix + GOLDEN) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix() | 1; // never the all-zero state

  return {
    next(): number {
      const result = Math.imul(rotateLeft(Math.imul(b, 5), 7), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotateLeft(d, 11);
      return (result >>> 0) / 4294967296;
    },
  };
}

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}
