import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftable } from './draftable.js';
import type { PlanningFact } from './ports.js';
import { restBeyondDrafts } from './replenishment-view.js';

/** NUT: bought from GLOBEX in packs of 12, with `drafted` units already on draft purchase orders. */
function nut(drafted: number, terms: { moq?: number; packSize?: number; discontinued?: boolean } = {}): PlanningFact {
  return {
    itemId: 1, sku: 'NUT', name: 'Nut', unitCost: 10, discontinued: terms.discontinued ?? false, createdDay: '2026-01-01',
    onHand: 0, allocated: 0, incoming: 0, backordered: 0, drafted, leadTimeDays: 7,
    supplier: { id: 1, code: 'GLOBEX', moq: terms.moq ?? 1, packSize: terms.packSize ?? 12, unitCost: 10 },
  };
}

describe('restBeyondDrafts', () => {
  it('takes the drafted units from the need before rounding, then rounds once: 85 needed, 1 drafted, packs of 12 is 84 more', () => {
    const plan = { requiredQuantity: 85, suggestedQuantity: 96 };
    expect(restBeyondDrafts(nut(1), plan)).toBe(84);
    expect(draftable(nut(1), plan)).toEqual({ ok: true, supplier: 'GLOBEX', units: 84 });
    // Without drafts the suggestion itself is drafted.
    expect(draftable(nut(0), plan)).toEqual({ ok: true, supplier: 'GLOBEX', units: 96 });
  });

  it('is 0 once drafts hold the whole need, and at least the MOQ when something is left', () => {
    expect(restBeyondDrafts(nut(85), { requiredQuantity: 85, suggestedQuantity: 96 })).toBe(0);
    expect(restBeyondDrafts(nut(90), { requiredQuantity: 85, suggestedQuantity: 96 })).toBe(0);
    expect(restBeyondDrafts(nut(80, { moq: 24 }), { requiredQuantity: 85, suggestedQuantity: 96 })).toBe(24);
  });

  it("leaves a discontinued item's rest unrounded, as its plan is: units beyond the waiting customers would never sell", () => {
    expect(restBeyondDrafts(nut(2, { discontinued: true }), { requiredQuantity: 5, suggestedQuantity: 5 })).toBe(3);
  });

  it('drafts with what is on drafts cover the need, and one pack less would not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 500 }),
        (required, drafted, packSize, moq) => {
          const rest = restBeyondDrafts(nut(drafted, { packSize, moq }), { requiredQuantity: required, suggestedQuantity: required });
          if (drafted >= required) return rest === 0;
          return rest % packSize === 0 && rest >= moq && drafted + rest >= required && (rest - packSize < moq || drafted + rest - packSize < required);
        },
      ),
    );
  });
});
