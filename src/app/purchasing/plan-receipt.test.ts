import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReceipt } from './plan-receipt.js';
import type { PurchaseOrderLineRecord } from './ports.js';

/** A sent line as the store keeps it: some received, and the rest open, or cancelled, or over-received. */
const lineArbitrary = fc
  .record({ sku: fc.constantFrom('A', 'B'), quantity: fc.integer({ min: 1, max: 20 }), received: fc.integer({ min: 0, max: 25 }), cancelRest: fc.boolean() })
  .map(({ sku, quantity, received, cancelRest }) => ({
    sku, quantity, received, cancelled: cancelRest && received < quantity ? quantity - received : 0,
  }));

function records(lines: readonly { sku: string; quantity: number; received: number; cancelled: number }[]): PurchaseOrderLineRecord[] {
  return lines.map((l, index) => ({
    ...l, id: index + 1, lineNo: index + 1, itemId: l.sku === 'A' ? 1 : 2, unitCost: 100, expectedOn: '2026-01-05', expectedByLeadTime: false, promisedOn: '2026-01-05',
  }));
}

describe('planReceipt', () => {
  it('puts what is over on a line of the sku not cancelled, and takes back cancelled units of a line named by id', () => {
    const lines = records([{ sku: 'A', quantity: 10, received: 0, cancelled: 0 }, { sku: 'A', quantity: 5, received: 0, cancelled: 5 }]);
    const bySku = planReceipt(1, lines, [{ sku: 'A', quantity: 13 }], true);
    expect(bySku.ok && bySku.value.map((p) => [p.line.id, p.quantity, p.uncancelled])).toEqual([[1, 13, 0]]);
    const byId = planReceipt(1, lines, [{ lineId: 2, quantity: 7 }], true);
    expect(byId.ok && byId.value.map((p) => [p.line.id, p.quantity, p.uncancelled])).toEqual([[2, 7, 5]]);
    expect(planReceipt(1, lines, [{ lineId: 2, quantity: 1 }], false)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it("fills a sku's lines soonest due first, whatever their order on the purchase order", () => {
    const [late, soon, sameDay] = records([
      { sku: 'A', quantity: 5, received: 0, cancelled: 0 }, { sku: 'A', quantity: 5, received: 0, cancelled: 0 }, { sku: 'A', quantity: 5, received: 0, cancelled: 0 },
    ]) as [PurchaseOrderLineRecord, PurchaseOrderLineRecord, PurchaseOrderLineRecord];
    const lines = [{ ...late, expectedOn: '2027-01-31' }, { ...soon, expectedOn: '2026-12-22' }, { ...sameDay, expectedOn: '2026-12-22' }];
    const planned = planReceipt(1, lines, [{ sku: 'A', quantity: 7 }], false);
    expect(planned.ok && planned.value.map((p) => [p.line.id, p.quantity])).toEqual([[2, 5], [3, 2]]);
  });

  it('conserves units, and leaves no line with units both received and cancelled', () => {
    fc.assert(fc.property(
      fc.array(lineArbitrary, { minLength: 1, maxLength: 5 }),
      fc.array(fc.record({ byId: fc.boolean(), pick: fc.nat(), quantity: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 4 }),
      (shapes, asks) => {
        const lines = records(shapes);
        const requests = asks.map((a) => {
          const line = lines[a.pick % lines.length] as PurchaseOrderLineRecord;
          return a.byId ? { lineId: line.id, quantity: a.quantity } : { sku: line.sku, quantity: a.quantity };
        });
        const plan = planReceipt(1, lines, requests, true);
        if (!plan.ok) throw new Error(plan.message);
        expect(plan.value.reduce((sum, p) => sum + p.quantity, 0)).toBe(requests.reduce((sum, r) => sum + r.quantity, 0));
        for (const line of lines) {
          const planned = plan.value.find((p) => p.line.id === line.id);
          const received = line.received + (planned?.quantity ?? 0);
          const cancelled = line.cancelled - (planned?.uncancelled ?? 0);
          expect(planned?.uncancelled ?? 0).toBeLessThanOrEqual(planned?.quantity ?? 0);
          expect(cancelled).toBeGreaterThanOrEqual(0);
          if (cancelled > 0) expect(received + cancelled).toBeLessThanOrEqual(line.quantity);
        }
      },
    ));
  });
});
