import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** The standard normal N(0, 1), taken from stdlib rather than hand-written approximations. */

const cdf = normalCdf.factory(0, 1);
const pdf = normalPdf.factory(0, 1);
const quantile = normalQuantile.factory(0, 1);

/** Φ(z): probability that a standard normal is ≤ z; increasing from 0 to 1. */
export function standardNormalCdf(z: number): number {
  return cdf(z);
}

/** φ(z): the standard normal density; symmetric, maximal at 0. */
export function standardNormalPdf(z: number): number {
  return pdf(z);
}

/** Φ⁻¹(p): the z with Φ(z) = p; −∞ at 0, +∞ at 1, NaN outside [0, 1]. */
export function standardNormalQuantile(p: number): number {
  return quantile(p);
}
