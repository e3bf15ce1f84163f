import type { RandomSource } from './random.js';

const SMALL_MEAN = 30;

/**
 * A Poisson(mean) variate: Knuth's product of uniforms for small means, Hörmann's PTRS
 * (transformed rejection with squeeze) above 30, so the cost stays flat as the mean grows.
 * Always a whole number ≥ 0; 0 for a mean of 0.
 */
export function poissonVariate(random: RandomSource, mean: number): number {
  if (mean <= 0) return 0;
  return mean < SMALL_MEAN ? multiplication(random, mean) : transformedRejection(random, mean);
}

function multiplication(random: RandomSource, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count += 1;
    product *= random.next();
  }
  return count;
}

function transformedRejection(random: RandomSource, mean: number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const acceptBound = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= acceptBound) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const left = Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b);
    if (left <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

const SMALL_LOG_FACTORIALS: readonly number[] = [
  0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101,
  8.525161361065415, 10.60460290274525, 12.801827480081469,
];

/** ln k!, exact from a table below 10 and by Stirling's series (error < 1e-12) above. */
function logFactorial(k: number): number {
  const known = SMALL_LOG_FACTORIALS[k];
  if (known !== undefined) return known;
  const inverse = 1 / k;
  const inverseSquared = inverse * inverse;
  return (
    (k + 0.5) * Math.log(k) -
    k +
    0.5 * Math.log(2 * Math.PI) +
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared / 1260))
  );
}
