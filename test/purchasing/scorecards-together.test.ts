import { describe, expect, it } from 'vitest';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { supplierScorecard, supplierScorecards } from '../../src/app/purchasing/supplier-scorecard.js';
import type { ScorecardPeriod } from '../../src/app/purchasing/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { must, seedItem, seedLocation } from '../support/fixtures.js';
import { countStatements } from '../support/statement-count.js';
import { DIALECTS } from '../support/stores.js';
import { orderedPo, seedSupplier, worldPerTest } from './purchasing-fixtures.js';

const SUPPLIERS = ['ACME', 'BOLT', 'CORE', 'DYNA', 'EMPTY'];
const PERIODS: readonly ScorecardPeriod[] = [{}, { since: '2026-01-06' }, { until: '2026-01-09' }, { since: '2026-01-05', until: '2026-01-12' }];

for (const dialect of DIALECTS) {
  describe(`every supplier's scorecard at once on ${dialect}`, () => {
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      for (const sku of ['W1', 'W2', 'W3']) await seedItem(store, sku, { backorderPolicy: 'allow' });
      for (const code of SUPPLIERS) await seedSupplier(store, code);
    });

    /** Orders sent to the first four suppliers on 2026-01-01, delivered early, on time, late, in parts; some closed by cancelling. */
    async function seedDeliveries(): Promise<void> {
      const { store, clock } = world;
      const pos: { id: number; open: Map<string, number> }[] = [];
      for (const [k, code] of SUPPLIERS.slice(0, 4).entries()) {
        const first = await orderedPo(store, code, [['W1', 4 + k, `2026-01-0${3 + k}`], ['W2', 6, '2026-01-08']]);
        pos.push({ id: first.id, open: new Map([['W1', 4 + k], ['W2', 6]]) });
        const second = await orderedPo(store, code, [['W3', 10 - k, '2026-01-10']]);
        pos.push({ id: second.id, open: new Map([['W3', 10 - k]]) });
        // A draft is never sent: it has no order date to score.
        must(await createPurchaseOrder(store, { supplier: code, lines: [{ sku: 'W1', quantity: 3 }] }, 'test'));
      }
      for (let day = 1; day <= 14; day += 1) {
        clock.advanceDays(1);
        for (const [index, po] of pos.entries()) {
          if ((index + day) % 3 !== 0) continue;
          const lines = [...po.open].map(([sku, open]) => ({ sku, quantity: Math.min(2, open) })).filter((l) => l.quantity > 0);
          if (lines.length === 0) continue;
          must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines }, 'test'));
          for (const line of lines) po.open.set(line.sku, (po.open.get(line.sku) ?? 0) - line.quantity);
        }
        if (day === 9) {
          for (const [index, po] of pos.entries()) {
            if (index % 3 !== 1 || [...po.open.values()].every((n) => n === 0)) continue;
            must(await cancelPurchaseOrder(store, po.id, {}, 'test'));
            po.open.clear();
          }
        }
      }
    }

    it('are each supplier\'s own scorecard, as the per-supplier reads found them', async () => {
      await seedDeliveries();
      for (const period of PERIODS) {
        const cards = must(await supplierScorecards(world.store, period));
        expect(cards.map((c) => c.supplier)).toEqual(SUPPLIERS);
        for (const card of cards) expect(must(await supplierScorecard(world.store, card.supplier, period))).toEqual(card);
        // Recorded from the per-supplier reads (two statements a supplier) before they were replaced.
        expect(cards).toMatchSnapshot(JSON.stringify(period));
      }
    });

    it('are read in a few statements, however many suppliers there are', async () => {
      await seedDeliveries();
      const statements = await countStatements(dialect, async () => must(await supplierScorecards(world.store, { since: '2026-01-02' })));
      expect(statements).toBeLessThanOrEqual(5);
    });
  });
}
