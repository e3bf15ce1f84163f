import { MAX_QUANTITY } from '../validate.js';
import type { PlanningFact } from './ports.js';
import { restBeyondDrafts, type PlannedQuantities } from './replenishment-view.js';

/** What drafting does with an item's suggestion: the units to draft for its preferred supplier, or why none. */
export type Draftable =
  | { readonly ok: true; readonly supplier: string; readonly units: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The one rule drafting and the suggestions list share: an item is drafted for its preferred
 * supplier, less what its drafts already hold, within what one purchase order line may hold.
 */
export function draftable(fact: PlanningFact, plan: PlannedQuantities): Draftable {
  if (fact.supplier === null) return { ok: false, reason: 'no preferred supplier' };
  const units = fact.drafted > 0 ? restBeyondDrafts(fact, plan) : plan.suggestedQuantity;
  if (units <= 0) return { ok: false, reason: `the ${fact.drafted} units already on draft purchase orders cover it: send them` };
  // A line holds at most what any purchase order line may (it could never be received in full otherwise).
  if (units > MAX_QUANTITY) return { ok: false, reason: `more than the ${MAX_QUANTITY} units a purchase order line may hold: order it on several purchase orders` };
  return { ok: true, supplier: fact.supplier.code, units };
}
