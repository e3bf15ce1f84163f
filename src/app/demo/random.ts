/** A seeded source of randomness, so the same seed always builds the same demo. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(values: readonly T[]): T;
  /** A value drawn with the given relative weights. */
  weighted<T>(values: readonly T[], weights: readonly number[]): T;
}

/** Mulberry32: small, fast and good enough to make demo data (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (values) => {
      if (values.length === 0) throw new Error('pick: no values');
      return values[Math.floor(next() * values.length)] as (typeof values)[number];
    },
    weighted: (values, weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let draw = next() * total;
      for (const [index, value] of values.entries()) {
        draw -= weights[index] ?? 0;
        if (draw < 0) return value;
      }
      return random.pick(values);
    },
  };
  return random;
}
