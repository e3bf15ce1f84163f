export type AbcClass = 'A' | 'B' | 'C';

/**
 * ABC classes by revenue: items sorted by revenue, highest first; those that make up the first
 * 80% of the total are A, the next 15% B, the rest (and items without revenue) C. An item that
 * crosses a boundary takes the class where its revenue starts.
 */
export function abcClasses(revenueBySku: ReadonlyMap<string, number>, cutA = 0.8, cutB = 0.95): Map<string, AbcClass> {
  const sorted = [...revenueBySku.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = sorted.reduce((sum, [, revenue]) => sum + Math.max(0, revenue), 0);
  const classes = new Map<string, AbcClass>();
  let before = 0;
  for (const [sku, revenue] of sorted) {
    const share = total === 0 ? 1 : before / total;
    classes.set(sku, revenue <= 0 ? 'C' : share < cutA ? 'A' : share < cutB ? 'B' : 'C');
    before += Math.max(0, revenue);
  }
  return classes;
}
