/**
 * The reorder rules, each read against the inventory position:
 * - reorder point (s, nQ): at or below s, order the fewest lots Q that lift the position above s;
 * - min/max (s, S): at or below min, order up to max;
 * - order-up-to (R, S): at each review, order up to S;
 * - cover backorders: with no demand forecast, order only what customers wait for beyond the
 *   stock on hand and on order, so a lot-size policy does not buy a lot (or a supplier's
 *   minimum) of an item nobody asks for.
 */
export type ReorderRule =
  | { readonly kind: 'reorder-point'; readonly reorderPoint: number; readonly lotSize: number }
  | { readonly kind: 'min-max'; readonly min: number; readonly max: number }
  | { readonly kind: 'order-up-to'; readonly orderUpTo: number }
  | { readonly kind: 'cover-backorders' };

/**
 * Units a reorder rule asks for at inventory position `position`, before pack and MOQ
 * rounding. Always ≥ 0; when positive, the position plus it exceeds the trigger level.
 * Expects a positive lot size and max ≥ min.
 */
export function netRequirement(rule: ReorderRule, position: number): number {
  switch (rule.kind) {
    case 'reorder-point': {
      if (position > rule.reorderPoint) return 0;
      const lots = Math.floor((rule.reorderPoint - position) / rule.lotSize) + 1;
      return lots * rule.lotSize;
    }
    case 'min-max':
      return position <= rule.min ? rule.max - position : 0;
    case 'order-up-to':
      return Math.max(0, rule.orderUpTo - position);
    case 'cover-backorders':
      return Math.max(0, -position);
  }
}
