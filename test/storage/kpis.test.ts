import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKpis, type KpiReport } from '../../src/app/get-kpis.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { createItemSupplier } from '../../src/app/purchasing/manage-item-suppliers.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { readKpiFacts } from '../../src/storage/kpi-queries.js';
import type { OpenedStore } from '../../src/storage/open-store.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * A scripted ten-day history whose every KPI is worked out by hand below (SPEC §8).
 *   03-01 items A (1000/600, backorders allowed, lead 10 d), B (200/200, deny), C (100/50, allowed);
 *         A +10, B +5 on hand
 *   03-02 order 1: A 4, B 2 → all allocated
 *   03-03 order 2: A 8 → 6 allocated, 2 backordered, first ETA 03-13; A stocks out
 *   03-04 order 3 (partial): B 5 → 3 allocated, 2 cut (lost 2 × 200); B stocks out
 *   03-05 order 4: B 1 → rejected (lost 1 × 200)
 *   03-06 A +5 → order 2's 2 units filled after 3 days (before their ETA); A back in stock
 *   03-07 order 1 ships: A 4, B 2
 *   03-08 order 5: C 1 → backordered (still waiting, 3 days old on 03-11)
 * Period [03-01, 03-11): 10 days.
 */
for (const dialect of DIALECTS) {
  describe(`KPIs of a scripted history on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let now = '2026-03-01T00:00:00.000Z';
    let report: KpiReport;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ clock: () => new Date(now) });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'A', { unitPrice: 1000, unitCost: 600, backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedItem(store, 'B', { unitPrice: 200, unitCost: 200, backorderPolicy: 'deny' });
      await seedItem(store, 'C', { unitPrice: 100, unitCost: 50, backorderPolicy: 'allow', leadTimeDays: 10 });
      must(await createSupplier(store, { code: 'ACME', name: 'Acme', leadTimeDays: 10 }, 'test'));
      must(await createItemSupplier(store, { sku: 'A', supplier: 'ACME', unitCost: 600, preferred: true }, 'test'));
      must(await createItemSupplier(store, { sku: 'C', supplier: 'ACME', unitCost: 50, preferred: true }, 'test'));
      await receive(store, 'A', 'MAIN', 10);
      await receive(store, 'B', 'MAIN', 5);
      now = '2026-03-02T00:00:00.000Z';
      const first = await order(store, { A: 4, B: 2 });
      now = '2026-03-03T00:00:00.000Z';
      const second = await order(store, { A: 8 });
      expect(second.lines[0]).toMatchObject({ allocated: 6, backordered: 2, eta: '2026-03-13' });
      now = '2026-03-04T00:00:00.000Z';
      await order(store, { B: 5 }, { shortage: 'partial' });
      now = '2026-03-05T00:00:00.000Z';
      expect((await placeOrder(store, { lines: [{ sku: 'B', quantity: 1 }] }, { actor: 'test' })).ok).toBe(false);
      now = '2026-03-06T00:00:00.000Z';
      await receive(store, 'A', 'MAIN', 5);
      now = '2026-03-07T00:00:00.000Z';
      must(await shipOrder(store, first.id, { lines: [{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 2 }] }, 'test'));
      now = '2026-03-08T00:00:00.000Z';
      await order(store, { C: 1 });
      report = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-11' }, new Date('2026-03-20T00:00:00Z')));
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    it('measures fill rates at placement, backorders and lost demand', () => {
      expect(report.overall).toMatchObject({
        orders: 5,
        orderFillRate: 0.2, // only order 1 was allocated in full
        unitsRequested: 21, // A 12 + B 8 + C 1
        unitFillRate: 0.7143, // 15 of 21 units allocated at once
        lineFillRate: 0.3333, // 2 of 6 lines
        backorderRate: 0.1429, // 3 of 21 units backordered at placement
        lostUnits: 3,
        lostRevenue: 600,
      });
    });

    it('measures stockouts from the ledger', () => {
      // A out 03-03→03-06 (72 h); B out 03-04→end (168 h); C never had stock (240 h, no fall).
      expect(report.overall).toMatchObject({ stockoutCount: 2, stockoutHours: 480, inStockRate: 0.3333 });
      const a = report.items.find((i) => i.sku === 'A');
      expect(a).toMatchObject({ stockoutCount: 1, stockoutHours: 72, inStockRate: 0.7, unitFillRate: 0.8333, lineFillRate: 0.5, backorderRate: 0.1667 });
    });

    it('stops measuring time at now when the period runs on past it', async () => {
      // Read on 03-09 for [03-01, 03-11): only 8 days have passed. B has been out 03-04→03-09 (120 h), C all 8 days (192 h).
      const early = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-11' }, new Date('2026-03-09T00:00:00Z')));
      expect(early.overall).toMatchObject({ stockoutCount: 2, stockoutHours: 384, inStockRate: 0.3333 });
      expect(early.items.find((i) => i.sku === 'A')).toMatchObject({ stockoutHours: 72, inStockRate: 0.625 });
      expect(early.items.find((i) => i.sku === 'B')).toMatchObject({ stockoutHours: 120, inStockRate: 0.375 });
      // 14 units on hand ÷ (21 units / 8 days).
      expect(early.overall.daysOfSupply).toBe(5.3);
    });

    it('measures waiting backorders, time to fill and promises kept', () => {
      expect(report.overall.backordersWaitingByAge).toEqual({ '0-7': 1, '8-14': 0, '15-30': 0, '>30': 0 });
      expect(report.overall.timeToFillDays).toEqual({ mean: 3, p90: 3 });
      // No promise fell due in the period: order 2's first ETA is 03-13, C's 03-18.
      expect(report.overall.promisesKept).toEqual({ kept: 0, broken: 0, rate: null });
    });

    it('counts the promises that fell due in the period', async () => {
      // Order 2 was filled on 03-06, before its first ETA 03-13; C's promise (03-18) is not due yet.
      const due = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-15' }, new Date('2026-03-20T00:00:00Z')));
      expect(due.overall.promisesKept).toEqual({ kept: 1, broken: 0, rate: 1 });
    });

    it('measures turnover, days of supply and ABC classes', () => {
      // COGS 4×600 + 2×200 = 2800; daily closing balances over 10 days: A 10×5 + 15 + 11×4 = 109
      // (× 600), B 5×6 + 3×4 = 42 (× 200) → average value (65400 + 8400) / 10 = 7380.
      expect(report.overall.inventoryTurnover).toBe(0.379);
      // 14 units on hand at the end ÷ (21 units / 10 days).
      expect(report.overall.daysOfSupply).toBe(6.7);
      // Ordered revenue: A 12000, B 1600, C 100 of 13700.
      expect(Object.fromEntries(report.items.map((i) => [i.sku, i.abcClass]))).toEqual({ A: 'A', B: 'B', C: 'C' });
      expect(report.definitions['unitFillRate']).toMatch(/at the moment the order was placed/);
    });

    it('aggregates per preferred supplier', () => {
      // Acme supplies A and C: 13 units ordered, 10 allocated at once; A out 72 h, C out 240 h of 480 h.
      expect(report.suppliers).toEqual([expect.objectContaining({ supplier: 'ACME', items: 2, unitsRequested: 13, unitFillRate: 0.7692, stockoutHours: 312, inStockRate: 0.35 })]);
    });

    it('gives daily and weekly series', async () => {
      expect(report.series.find((d) => d.bucket === '2026-03-04')).toMatchObject({ requested: 5, allocatedAtPlacement: 3, lost: 2, lostRevenue: 400 });
      const weekly = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-11', bucket: 'week' }, new Date('2026-03-20T00:00:00Z')));
      expect(report.series).toHaveLength(10);
      // The period touches three ISO weeks (Mondays 02-23, 03-02, 03-09); every order fell in the second.
      expect(weekly.series).toEqual([
        { bucket: '2026-02-23', requested: 0, allocatedAtPlacement: 0, unitFillRate: null, lost: 0, lostRevenue: 0 },
        { bucket: '2026-03-02', requested: 21, allocatedAtPlacement: 15, unitFillRate: 0.7143, lost: 3, lostRevenue: 600 },
        { bucket: '2026-03-09', requested: 0, allocatedAtPlacement: 0, unitFillRate: null, lost: 0, lostRevenue: 0 },
      ]);
    });

    it('counts only the orders with a line for the items asked about, and refuses an unknown sku', async () => {
      const a = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-11', sku: ['A'] }, new Date('2026-03-20T00:00:00Z')));
      // Orders 1 (A and B, allocated in full) and 2 (A, partly backordered) have a line for A.
      expect(a.overall).toMatchObject({ orders: 2, orderFillRate: 0.5, unitsRequested: 12 });
      const unknown = await getKpis(store, { sku: ['A', 'NOPE'] });
      expect(unknown).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'sku[1]' } });
    });

    it('gives one item the figures of its entry in the full report (ABC among the items asked about)', async () => {
      const now = new Date('2026-03-20T00:00:00Z');
      // Until 03-15 so promises fall due as well as fills, stockouts and waiting lines.
      const full = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-15' }, now));
      for (const sku of ['A', 'B', 'C']) {
        const one = must(await getKpis(store, { from: '2026-03-01', until: '2026-03-15', sku: [sku] }, now));
        const { abcClass: _class, ...entry } = full.items.find((i) => i.sku === sku)!;
        // Alone, an item with ordered revenue makes up all of it: class A.
        expect(one.items).toEqual([{ ...entry, abcClass: 'A' }]);
        const { sku: _sku, name: _name, ...figures } = entry;
        const { orders: _orders, orderFillRate: _rate, ...overall } = one.overall;
        expect(overall).toEqual(figures);
      }
    });

    it('gives a page of the per-item rows in the order asked, with the same overall figures', async () => {
      const now = new Date('2026-03-20T00:00:00Z');
      const period = { from: '2026-03-01', until: '2026-03-11' };
      const rowOf = (sku: string) => report.items.find((i) => i.sku === sku);
      const none = must(await getKpis(store, { ...period, itemLimit: 0 }, now));
      expect(none).toMatchObject({ items: [], itemCount: 3, overall: report.overall, suppliers: report.suppliers, locations: report.locations });
      // Ordered: A 12, B 8, C 1. Fill rates: A 0.8333, B 0.625, C 0. Days of supply: B 3.8, A 9.2, C none on hand.
      const expected = { '-unitsRequested': ['A', 'B', 'C'], unitFillRate: ['C', 'B', 'A'], daysOfSupply: ['B', 'A', 'C'], sku: ['A', 'B', 'C'] } as const;
      for (const [itemSort, order] of Object.entries(expected)) {
        const page = must(await getKpis(store, { ...period, itemSort, itemOffset: 1, itemLimit: 1 }, now));
        expect(page.items).toEqual([rowOf(order[1])]);
      }
      // An item with nothing on hand has run out already: it comes after those still running down.
      expect(rowOf('C')?.daysOfSupply).toBe(0);
      expect(must(await getKpis(store, { ...period, itemSort: 'daysOfSupply' }, now)).items.map((i) => i.sku)).toEqual(['B', 'A', 'C']);
      const bad = await getKpis(store, { ...period, itemSort: 'price' });
      expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'itemSort' } });
      expect(await getKpis(store, { ...period, itemLimit: 1.5 })).toMatchObject({ ok: false, details: { field: 'itemLimit' } });
    });

    it('reads only the rows of the items asked about', async () => {
      const db = (store as OpenedStore).db;
      const [a] = await db.selectFrom('items').select('id').where('sku', '=', 'A').execute();
      const seen: unknown[] = [];
      // Every row a statement returns that names an item must be A's: the filter runs in SQL.
      const watched = db.withPlugin({
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          for (const row of args.result.rows) if ('item_id' in row) seen.push(Number(row['item_id']));
          return args.result;
        },
      });
      const facts = await readKpiFacts(watched, { from: '2026-03-01T00:00:00.000Z', until: '2026-03-15T00:00:00.000Z', asOf: '2026-03-15T00:00:00.000Z', skus: ['A'] });
      expect(facts.items.map((i) => i.sku)).toEqual(['A']);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([a!.id]));
    });

    it('refuses a bad period naming the field', async () => {
      const bad = await getKpis(store, { from: '2026-13-01' });
      expect(bad.ok === false && bad.code).toBe('VALIDATION_FAILED');
      expect(bad.ok === false && bad.message).toMatch(/^from/);
      const reversed = await getKpis(store, { from: '2026-03-10', until: '2026-03-01' });
      expect(reversed.ok === false && reversed.message).toMatch(/^from/);
      const bucket = await getKpis(store, { bucket: 'month' });
      expect(bucket.ok === false && bucket.message).toMatch(/^bucket/);
    });
  });
}
