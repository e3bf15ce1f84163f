import { normalLoss } from './normal-loss.js';
import { standardNormalCdf } from './standard-normal.js';

const MAX_ITERATIONS = 200;
const TOLERANCE = 1e-13;

/**
 * The k with G(k) = x, for x > 0 (G is the unit normal loss). Follows Math conventions
 * at the edges: +∞ for x = 0, −∞ for x = +∞, NaN for negative or NaN x.
 * Newton's method on ln G, kept inside a shrinking bracket, with bisection as fallback.
 */
export function inverseNormalLoss(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;

  // G(z) > −z everywhere, so G(−x − 1) > x + 1 > x.
  let low = -x - 1;
  let high = 1;
  while (normalLoss(high) > x) {
    low = high;
    high *= 2;
  }

  const logTarget = Math.log(x);
  let k = Math.min(Math.max(0, low), high);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const loss = normalLoss(k);
    if (loss > x) low = k;
    else high = k;
    // d ln G / dk = −Φ(−k) / G(k); ln G is concave, which makes these steps well behaved.
    const step = loss > 0 ? ((Math.log(loss) - logTarget) * loss) / standardNormalCdf(-k) : Number.NaN;
    let next = k + step;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - k) <= TOLERANCE * Math.max(1, Math.abs(k))) return next;
    k = next;
  }
  return k;
}
