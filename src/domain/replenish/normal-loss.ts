import { standardNormalCdf, standardNormalPdf } from './standard-normal.js';

/**
 * Unit normal loss G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)): expected shortage of a
 * standard normal beyond z. Positive and strictly decreasing; G(z) − G(−z) = −z.
 */
export function normalLoss(z: number): number {
  // Φ(−z) rather than 1 − Φ(z) keeps the upper tail accurate (no cancellation to 0).
  return standardNormalPdf(z) - z * standardNormalCdf(-z);
}
