import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { getKpis, type KpiReport } from '../../src/app/get-kpis.js';
import { kpiTableCsv } from '../../src/app/kpi-csv.js';
import type { Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { rebuildLocationStockouts } from '../../src/storage/rebuild-stockouts.js';
import { dbOf } from '../support/db-snapshot.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * KPIs per location on a scripted ten-day history, every figure worked out by hand (SPEC §8).
 *   03-01 locations NORTH (priority 0), SOUTH (1), EMPTY (2); item X (unit cost 100, backorders allowed);
 *         NORTH +4, SOUTH +2 on hand (counts, not receipts)
 *   03-02 order 1: X 5 → NORTH 4 + SOUTH 1 allocated; NORTH has nothing available: out
 *   03-04 order 1 ships: 4 from NORTH, 1 from SOUTH
 *   03-05 purchase order receipt of 6 into NORTH: NORTH back in stock (out 72 h)
 *   03-06 order 2: X 1 → allocated at NORTH (still 5 available there)
 *   03-07 SOUTH counted at 0: SOUTH out until the end of the period (96 h)
 * Period [03-01, 03-11): 240 hours.
 */
for (const dialect of DIALECTS) {
  describe(`KPIs per location of a scripted history on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let now = '2026-03-01T00:00:00.000Z';
    let report: KpiReport;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ clock: () => new Date(now) });
      await seedLocation(store, 'NORTH', 0);
      await seedLocation(store, 'SOUTH', 1);
      await seedLocation(store, 'EMPTY', 2);
      await seedItem(store, 'X', { unitPrice: 300, unitCost: 100, backorderPolicy: 'allow' });
      await receive(store, 'X', 'NORTH', 4);
      await receive(store, 'X', 'SOUTH', 2);
      now = '2026-03-02T00:00:00.000Z';
      const first = await order(store, { X: 5 });
      expect(first.lines[0]?.allocations).toEqual([{ location: 'NORTH', quantity: 4 }, { location: 'SOUTH', quantity: 1 }]);
      now = '2026-03-04T00:00:00.000Z';
      must(await shipOrder(store, first.id, { lines: [{ sku: 'X', quantity: 5 }] }, 'test'));
      now = '2026-03-05T00:00:00.000Z';
      must(await createSupplier(store, { code: 'ACME', name: 'Acme' }, 'test'));
      const po = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'X', quantity: 6, expectedOn: '2026-03-05' }] }, 'test'));
      must(await sendPurchaseOrder(store, po.id, 'test'));
      must(await receivePurchaseOrder(store, po.id, { location: 'NORTH', lines: [{ sku: 'X', quantity: 6 }] }, 'test'));
      now = '2026-03-06T00:00:00.000Z';
      expect((await order(store, { X: 1 })).lines[0]?.allocations).toEqual([{ location: 'NORTH', quantity: 1 }]);
      now = '2026-03-07T00:00:00.000Z';
      must(await adjustStock(store, { sku: 'X', location: 'SOUTH', count: 0, reason: 'stock count' }, 'test'));
      report = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-11' }, new Date('2026-03-20T00:00:00Z')));
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    it("measures each location's shelves: availability, flow, turnover and days of supply", () => {
      expect(report.locations).toEqual([
        // Out 03-02→03-05 (72 of 240 h). Daily closing on hand 4, 4, 4, 0, 6 × 6 = 48 over 10 days:
        // average value 480; shipped 4 × 100 = 400 at cost → turnover 0.833; 6 on hand ÷ (4 shipped / 10 days) = 15 days.
        { location: 'NORTH', name: 'Location NORTH', active: true, items: 1, unitsShipped: 4, unitsReceived: 6, stockoutCount: 1, stockoutHours: 72, inStockRate: 0.7, onHandAtEnd: 6, inventoryTurnover: 0.833, daysOfSupply: 15 },
        // Out 03-07→03-11 (96 of 240 h). Daily closing on hand 2, 2, 2, 1, 1, 1, 0 × 4 = 9: average value 90,
        // shipped 1 × 100 → turnover 1.111, though nothing was on hand at either end; 0 days of supply.
        { location: 'SOUTH', name: 'Location SOUTH', active: true, items: 1, unitsShipped: 1, unitsReceived: 0, stockoutCount: 1, stockoutHours: 96, inStockRate: 0.6, onHandAtEnd: 0, inventoryTurnover: 1.111, daysOfSupply: 0 },
        { location: 'EMPTY', name: 'Location EMPTY', active: true, items: 0, unitsShipped: 0, unitsReceived: 0, stockoutCount: 0, stockoutHours: 0, inStockRate: null, onHandAtEnd: 0, inventoryTurnover: null, daysOfSupply: null },
      ]);
      expect(report.definitions['locations']).toMatch(/network/);
      expect(report.definitions['locationInStockRate']).toMatch(/available units there/);
    });

    it('keeps the network view apart: the item never ran out across locations', () => {
      expect(report.overall).toMatchObject({ stockoutCount: 0, stockoutHours: 0, inStockRate: 1 });
    });

    it('measures only the part of the period after a stock level first existed, and restricts to the skus asked for', async () => {
      const later = must(await getKpis(store, { from: '2026-03-06', until: '2026-03-11' }, new Date('2026-03-20T00:00:00Z')));
      // SOUTH: out 03-07→03-11 = 96 of 120 h; NORTH in stock all along; on hand at the start 6.
      expect(later.locations.find((l) => l.location === 'SOUTH')).toMatchObject({ stockoutCount: 1, stockoutHours: 96, inStockRate: 0.2, unitsShipped: 0 });
      expect(later.locations.find((l) => l.location === 'NORTH')).toMatchObject({ stockoutCount: 0, inStockRate: 1, unitsReceived: 0, onHandAtEnd: 6, inventoryTurnover: 0 });
      await seedItem(store, 'Y');
      const other = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-11', sku: ['Y'] }, new Date('2026-03-20T00:00:00Z')));
      expect(other.locations.map((l) => l.items)).toEqual([0, 0, 0]);
    });

    it('records the same stockout stretches as a replay of the ledger', async () => {
      const db = dbOf(store);
      const live = await db.selectFrom('location_stockouts').select(['item_id', 'location_id', 'started_at', 'ended_at', 'initial']).orderBy('location_id').orderBy('started_at').execute();
      expect(live.map((s) => [s.started_at.slice(0, 10), s.ended_at?.slice(0, 10) ?? null, s.initial])).toEqual([
        ['2026-03-02', '2026-03-05', 0],
        ['2026-03-07', null, 0],
      ]);
      await rebuildLocationStockouts(db);
      const replayed = await db.selectFrom('location_stockouts').select(['item_id', 'location_id', 'started_at', 'ended_at', 'initial']).orderBy('location_id').orderBy('started_at').execute();
      expect(replayed).toEqual(live);
    });

    it('exports any table as CSV', () => {
      const [header, north] = kpiTableCsv(report, 'locations').trim().split('\n');
      expect(header).toBe('location,name,active,items,units_shipped,units_received,stockout_count,stockout_hours,in_stock_rate,on_hand_at_end,inventory_turnover,days_of_supply');
      expect(north).toBe('NORTH,Location NORTH,true,1,4,6,1,72,0.7,6,0.833,15');
      const overall = kpiTableCsv(report, 'overall').trim().split('\n');
      expect(overall[0]).toContain('backorders_waiting_by_age_0_7');
      expect(overall[0]).toContain('promises_kept_rate');
      expect(overall).toHaveLength(2);
      expect(kpiTableCsv(report, 'series').trim().split('\n')).toHaveLength(11);
      expect(kpiTableCsv(report, 'suppliers').trim().split('\n')).toEqual([expect.stringMatching(/^supplier,items,units_requested,unit_fill_rate,/)]);
    });
  });
}
