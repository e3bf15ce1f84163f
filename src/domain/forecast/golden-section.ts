const INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Minimises a unimodal function on [lo, hi] by golden-section search and returns the
 * best argument found; it never evaluates outside the interval.
 */
export function goldenSectionMinimum(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tolerance = 1e-3,
): number {
  let a = lo;
  let b = hi;
  let c = b - INVERSE_PHI * (b - a);
  let d = a + INVERSE_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INVERSE_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INVERSE_PHI * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? c : d;
}
