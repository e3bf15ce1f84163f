import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftPurchaseOrders } from '../../src/app/planning/create-draft-purchase-orders.js';
import { getForecast } from '../../src/app/planning/get-forecast.js';
import { getReplenishmentPlan } from '../../src/app/planning/get-replenishment-plan.js';
import { listReplenishment } from '../../src/app/planning/list-replenishment.js';
import { computeInThread, runForecasts, type ForecastComputer } from '../../src/app/planning/run-forecasts.js';
import { runPlanning } from '../../src/app/planning/run-planning.js';
import { updateItem } from '../../src/app/manage-items.js';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { updatePurchaseOrder } from '../../src/app/purchasing/update-purchase-order.js';
import { startNightlyPlanning } from '../../src/worker/nightly-plan.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { openPlanningWorld, seedHistory, syntheticDemand, type PlanningWorld } from './planning-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`forecasts, plans and draft purchase orders on ${dialect}`, () => {
    let world: PlanningWorld;

    beforeEach(async () => {
      world = await openPlanningWorld(dialect);
      const { store } = world;
      await seedLocation(store, 'MAIN');
      for (const sku of ['WIDGET', 'GADGET', 'GIZMO', 'LONER', 'IDLE']) await seedItem(store, sku, { leadTimeDays: 10 });
      await seedSupplier(store, 'ACME', { leadTimeDays: 14 });
      await seedSupplier(store, 'BETA', { leadTimeDays: 5 });
      await seedLink(store, 'WIDGET', 'ACME', { preferred: true, moq: 50, packSize: 12, unitCost: 400 });
      await seedLink(store, 'GADGET', 'ACME', { preferred: true, leadTimeDays: 7 });
      await seedLink(store, 'GADGET', 'BETA', { preferred: false });
      await seedLink(store, 'GIZMO', 'BETA', { preferred: true, packSize: 5 });
      await seedHistory(world, 'WIDGET', syntheticDemand(300, 3, 1));
      await seedHistory(world, 'GADGET', syntheticDemand(300, 1, 2));
      await seedHistory(world, 'GIZMO', syntheticDemand(300, 0.3, 3));
      await seedHistory(world, 'LONER', syntheticDemand(300, 2, 4));
      await receive(store, 'WIDGET', 'MAIN', 20);
      await receive(store, 'IDLE', 'MAIN', 5);
    });

    afterEach(async () => {
      await expectInvariants(world.store);
      await world.store.close();
      await world.database.drop();
    });

    it('forecasts an item and plans it end to end, explaining every step', async () => {
      const run = must(await runForecasts(world.store));
      expect(run).toMatchObject({ items: 5, startDay: '2026-03-02' });
      const forecast = must(await getForecast(world.store, 'WIDGET'));
      // 300 days of history are 42 whole weeks ending yesterday; a quarter is forecast, week by week.
      expect(forecast).toMatchObject({ sku: 'WIDGET', stepDays: 7, history: { start: '2025-05-12', days: 294 }, backtest: { protectionDays: 21 } });
      expect(forecast.steps).toHaveLength(13);
      expect(forecast.steps[0]).toMatchObject({ from: '2026-03-02', to: '2026-03-08' });
      expect(forecast.steps[12]).toMatchObject({ from: '2026-05-25', to: '2026-05-31' });
      // A shorter horizon shows fewer whole weeks of the stored forecast; a bad one is refused, naming it.
      expect(must(await getForecast(world.store, 'WIDGET', { horizonDays: 14 })).steps).toHaveLength(2);
      expect(must(await getForecast(world.store, 'WIDGET', { horizonDays: 15 })).steps).toHaveLength(3);
      for (const horizonDays of [0, -5, 1.5, 367, 'abc' as unknown as number]) {
        expect(await getForecast(world.store, 'WIDGET', { horizonDays })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'horizonDays' } });
      }
      expect(forecast.steps[0]?.mean).toBeGreaterThan(2 * 7);
      expect(forecast.steps[0]?.mean).toBeLessThan(4 * 7);
      expect(forecast.levels).toEqual([0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]);
      expect(forecast.backtest.scores.map((s) => s.method)).toContain(forecast.method);

      const plan = must(await getReplenishmentPlan(world.store, 'WIDGET'));
      expect(plan).toMatchObject({ sku: 'WIDGET', supplier: 'ACME', policy: 'order-up-to', leadTimeDays: 14, reviewPeriodDays: 7, service: { kind: 'fill-rate', target: 0.95 }, minimumOrderQuantity: 50, packSize: 12 });
      expect(plan.stock).toEqual({ onHand: 20, allocated: 0, incoming: 0, backordered: 0, drafted: 0 });
      // S covers the 21 days of lead time and review: about 63 units of demand plus safety stock.
      expect(plan.orderUpToLevel).toBeGreaterThan(63);
      expect(plan.orderUpToLevel).toBeLessThan(100);
      expect(plan.suggestedQuantity % 12).toBe(0);
      expect(plan.suggestedQuantity).toBeGreaterThanOrEqual(Math.max(50, (plan.orderUpToLevel ?? 0) - 20));
      expect(plan.urgency.daysUntilStockout).toBeCloseTo(20 / plan.meanDemandPerDay, 5);
      expect(plan.urgency.stockoutWithinLeadTime).toBe(true);
      expect(plan.explanation.join('\n')).toMatch(/Target fill rate 95%[\s\S]*Demand over the 7-day review period plus the 14-day lead time[\s\S]*Inventory position = on hand 20/);

      const bad = await getReplenishmentPlan(world.store, 'WIDGET', { serviceLevel: 1.2 });
      expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'serviceLevel' } });
      expect(await getReplenishmentPlan(world.store, 'NOPE')).toMatchObject({ ok: false, code: 'NOT_FOUND', details: { field: 'sku' } });
    });

    it('forecasts a launch younger than a week at the rate of its days so far, saying no back-test ran', async () => {
      await seedItem(world.store, 'LAUNCH', { leadTimeDays: 10 });
      await seedHistory(world, 'LAUNCH', [20, 20, 20, 20, 20, 20]);
      must(await runForecasts(world.store, { skus: ['LAUNCH'] }));
      const forecast = must(await getForecast(world.store, 'LAUNCH'));
      expect(forecast.history).toEqual({ start: '2026-02-24', days: 6 });
      expect(forecast.steps[0]?.mean).toBeCloseTo(140, 6);
      expect(forecast.backtest.scores).toEqual([]);
      const plan = must(await getReplenishmentPlan(world.store, 'LAUNCH'));
      expect(plan.suggestedQuantity).toBeGreaterThan(100);
      // A week and more keeps to whole weeks, and is back-tested once there is enough of them.
      const older = must(await getForecast(world.store, 'WIDGET', { refresh: true }));
      expect(older.backtest.scores.length).toBeGreaterThan(1);
    });

    it('lists suggestions by urgency and drafts one purchase order per preferred supplier, respecting MOQ and packs', async () => {
      must(await runForecasts(world.store));
      const list = must(await listReplenishment(world.store, { all: true }));
      expect(list.items.map((i) => i.sku)).toEqual(['GADGET', 'GIZMO', 'LONER', 'WIDGET', 'IDLE'].filter((sku) => list.items.some((i) => i.sku === sku)).sort((a, b) => {
        const da = list.items.find((i) => i.sku === a)?.urgency.daysUntilStockout ?? Infinity;
        const db = list.items.find((i) => i.sku === b)?.urgency.daysUntilStockout ?? Infinity;
        return da - db || (a < b ? -1 : 1);
      }));
      expect(list.items.at(-1)).toMatchObject({ sku: 'IDLE', suggestedQuantity: 0, urgency: { daysUntilStockout: null } });
      expect(list.nextCursor).toBeNull();
      // Pages of two follow the same ranking, without gaps or repeats.
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = must(await listReplenishment(world.store, { all: true, limit: 2, ...(cursor ? { cursor } : {}) }));
        expect(page.total).toBe(list.total);
        paged.push(...page.items.map((i) => i.sku));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(paged).toEqual(list.items.map((i) => i.sku));
      expect(await listReplenishment(world.store, { cursor: 'nope' })).toMatchObject({ ok: false, details: { field: 'cursor' } });
      const forged = Buffer.from(JSON.stringify({ days: 'soon', sku: 1 })).toString('base64url');
      expect(await listReplenishment(world.store, { cursor: forged })).toMatchObject({ ok: false, details: { field: 'cursor' } });
      const reported: [number, number][] = [];
      const due = must(await listReplenishment(world.store, { onProgress: (done, total) => reported.push([done, total]) }));
      expect(due.items.map((i) => i.sku).sort()).toEqual(['GADGET', 'GIZMO', 'LONER', 'WIDGET']);
      expect(reported.at(-1)).toEqual([5, 5]); // every active item planned
      expect(due.onDrafts).toBe(0);
      const suggested = Object.fromEntries(due.items.map((i) => [i.sku, i.suggestedQuantity]));

      const drafts = must(await createDraftPurchaseOrders(world.store, {}, 'test'));
      expect(drafts.items.map((po) => [po.supplier, po.status, po.lines.map((l) => [l.sku, l.quantity])])).toEqual([
        ['ACME', 'draft', [['GADGET', suggested['GADGET']], ['WIDGET', suggested['WIDGET']]]],
        ['BETA', 'draft', [['GIZMO', suggested['GIZMO']]]],
      ]);
      const widget = drafts.items[0]?.lines.find((l) => l.sku === 'WIDGET');
      expect(widget?.quantity).toBeGreaterThanOrEqual(50);
      expect((widget?.quantity ?? 1) % 12).toBe(0);
      expect(widget).toMatchObject({ unitCost: 400, expectedOn: '2026-03-16' });
      expect(drafts.items[0]?.lines.find((l) => l.sku === 'GADGET')?.expectedOn).toBe('2026-03-09');
      expect((drafts.items[1]?.lines[0]?.quantity ?? 1) % 5).toBe(0);
      expect(drafts.skipped).toEqual([{ sku: 'LONER', suggestedQuantity: suggested['LONER'], reason: 'no preferred supplier' }]);

      // Still listed (a draft is not supply until sent), but counted as covered by drafts.
      expect(must(await listReplenishment(world.store))).toMatchObject({ total: 4, onDrafts: 3 });
      // Drafting again adds nothing: the items are on drafts already (drafts are not yet supply).
      const again = must(await createDraftPurchaseOrders(world.store, { skus: ['WIDGET', 'GIZMO'] }, 'test'));
      expect(again.items).toEqual([]);
      expect(again.skipped.map((s) => [s.sku, s.reason])).toEqual([['GIZMO', `the ${suggested['GIZMO']} units already on draft purchase orders cover it: send them`], ['WIDGET', `the ${suggested['WIDGET']} units already on draft purchase orders cover it: send them`]]);
      // A draft cut below the need leaves the rest to order: listed as short, and drafted on a new draft.
      const acme = drafts.items[0];
      const widgetLine = acme?.lines.find((l) => l.sku === 'WIDGET');
      must(await updatePurchaseOrder(world.store, acme?.id ?? 0, { lines: [{ id: widgetLine?.id, quantity: 12 }] }, 'test'));
      expect(must(await listReplenishment(world.store))).toMatchObject({ total: 4, onDrafts: 2, draftsShort: 1 });
      const rest = must(await createDraftPurchaseOrders(world.store, { skus: ['WIDGET'] }, 'test'));
      const topUp = rest.items.flatMap((po) => po.lines.map((l) => [po.supplier, l.sku, l.quantity] as const));
      expect(topUp).toEqual([['ACME', 'WIDGET', expect.any(Number)]]);
      const [, , more] = topUp[0] ?? [];
      // The rest of the need, in whole packs of 12 and at least the link's MOQ of 50: no more than a pack beyond it.
      expect((more ?? 1) % 12).toBe(0);
      expect(more).toBeGreaterThanOrEqual(Math.max(50, (suggested['WIDGET'] ?? 0) - 12));
      expect(more).toBeLessThan(Math.max(50, (suggested['WIDGET'] ?? 0) - 12) + 12);
      expect(must(await listReplenishment(world.store))).toMatchObject({ onDrafts: 3, draftsShort: 0 });
      expect(await createDraftPurchaseOrders(world.store, { skus: ['NOPE'] }, 'test')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'skus[0]' } });
      expect(await createDraftPurchaseOrders(world.store, { serviceLevel: 0 }, 'test')).toMatchObject({ ok: false, details: { field: 'serviceLevel' } });
    });

    it('drafts what a cut draft leaves short under every policy: the need less the drafted units, in whole packs and at least the MOQ', async () => {
      must(await runForecasts(world.store));
      for (const policy of ['eoq', 'min-max', 'order-up-to'] as const) {
        const { suggestedQuantity: suggested, requiredQuantity: required } = must(await getReplenishmentPlan(world.store, 'WIDGET', { policy }));
        expect(suggested, policy).toBeGreaterThan(50);
        const [draft] = must(await createDraftPurchaseOrders(world.store, { skus: ['WIDGET'], policy }, 'test')).items;
        const line = draft?.lines.find((l) => l.sku === 'WIDGET');
        // The buyer cuts the line to one pack: the rest is short, drafting orders it beside the draft.
        must(await updatePurchaseOrder(world.store, draft?.id ?? 0, { lines: [{ id: line?.id, quantity: 12 }] }, 'test'));
        expect(must(await listReplenishment(world.store, { settings: { policy } })), policy).toMatchObject({ draftsShort: 1 });
        const [rest] = must(await createDraftPurchaseOrders(world.store, { skus: ['WIDGET'], policy }, 'test')).items;
        expect(rest?.lines.map((l) => [l.sku, l.quantity]), policy).toEqual([['WIDGET', Math.ceil(Math.max(required - 12, 50) / 12) * 12]]);
        expect(rest?.reference, policy).toMatch(/ \(the rest\)$/);
        expect(must(await listReplenishment(world.store, { settings: { policy } })), policy).toMatchObject({ draftsShort: 0 });
        const again = must(await createDraftPurchaseOrders(world.store, { skus: ['WIDGET'], policy }, 'test'));
        expect(again.items, policy).toEqual([]);
        for (const po of [draft, rest]) must(await cancelPurchaseOrder(world.store, po?.id ?? 0, {}, 'test'));
      }
      // An item with no preferred supplier is not said to be drafted on, whatever its manual drafts hold.
      must(await createPurchaseOrder(world.store, { supplier: 'BETA', lines: [{ sku: 'LONER', quantity: 1 }] }, 'test'));
      const list = must(await listReplenishment(world.store));
      expect(list.items.find((i) => i.sku === 'LONER')?.stock.drafted).toBe(1);
      expect(list).toMatchObject({ draftsShort: 0 });
    });

    it('tops up a draft holding units that are not whole packs by the need less them, rounded once: 85 needed, 1 drafted, packs of 12 is 84', async () => {
      // NUT: 85 units wait, none in stock, none forecast; GLOBEX sells it in packs of 12. A buyer drafted 1 unit by hand.
      await seedItem(world.store, 'NUT', { leadTimeDays: 10, backorderPolicy: 'allow' });
      await seedSupplier(world.store, 'GLOBEX', { leadTimeDays: 7 });
      await seedLink(world.store, 'NUT', 'GLOBEX', { preferred: true, packSize: 12 });
      await order(world.store, { NUT: 85 });
      must(await createPurchaseOrder(world.store, { supplier: 'BETA', lines: [{ sku: 'NUT', quantity: 1 }] }, 'test'));
      const nut = must(await listReplenishment(world.store)).items.find((i) => i.sku === 'NUT');
      expect(nut).toMatchObject({ requiredQuantity: 85, suggestedQuantity: 96, stock: { backordered: 85, drafted: 1 } });
      const drafts = must(await createDraftPurchaseOrders(world.store, {}, 'test'));
      const globex = drafts.items.find((po) => po.supplier === 'GLOBEX');
      expect(globex?.lines.map((l) => [l.sku, l.quantity])).toEqual([['NUT', 84]]);
      expect(globex?.reference).toMatch(/ \(the rest\)$/);
      // 85 on drafts now: nothing more to draft.
      expect(must(await createDraftPurchaseOrders(world.store, {}, 'test')).items.filter((po) => po.lines.some((l) => l.sku === 'NUT'))).toEqual([]);
    });

    it('drafts a named item that has no forecast yet as its plan says, and counts the others planned without one', async () => {
      // Nothing is forecast yet: every item is planned as if nobody asked for it, and the result says so.
      const blind = must(await createDraftPurchaseOrders(world.store, {}, 'test'));
      expect(blind).toMatchObject({ items: [], withoutForecast: 5 });
      const plan = must(await getReplenishmentPlan(world.store, 'GADGET'));
      expect(plan.suggestedQuantity).toBeGreaterThan(0);
      const named = must(await createDraftPurchaseOrders(world.store, { skus: ['GIZMO'] }, 'test'));
      expect(named.withoutForecast).toBe(0);
      expect(named.items.flatMap((po) => po.lines.map((l) => l.sku))).toEqual(['GIZMO']);
      expect(must(await getReplenishmentPlan(world.store, 'GIZMO')).stock.drafted).toBeGreaterThan(0);
    });

    it('orders a discontinued item only for the customers waiting for it, net of stock, and nothing more', async () => {
      // DISC: five units wait for it; GONE: nobody waits. Both sold about 3 a day, and ACME sells them in packs of 12, at least 50.
      for (const sku of ['DISC', 'GONE']) {
        await seedItem(world.store, sku, { leadTimeDays: 10, backorderPolicy: 'allow' });
        await seedLink(world.store, sku, 'ACME', { preferred: true, moq: 50, packSize: 12 });
        await seedHistory(world, sku, syntheticDemand(300, 3, 5));
      }
      must(await runForecasts(world.store));
      await order(world.store, { DISC: 5 });
      for (const sku of ['DISC', 'GONE']) must(await updateItem(world.store, sku, { discontinued: true }, 'test'));

      const due = must(await listReplenishment(world.store));
      const disc = due.items.find((i) => i.sku === 'DISC');
      expect(disc).toMatchObject({ suggestedQuantity: 5, requiredQuantity: 5, safetyStock: 0, meanDemandPerDay: 0, stock: { backordered: 5 }, urgency: { daysUntilStockout: 0 } });
      expect(disc?.explanation.join('\n')).toMatch(/^Discontinued: only the 5 units customers wait for, less stock and open orders/);
      expect(disc?.explanation.join('\n')).toMatch(/Not rounded up to the supplier's minimum order of 50 or whole packs of 12/);
      expect(due.items.some((i) => i.sku === 'GONE')).toBe(false);
      const all = must(await listReplenishment(world.store, { all: true }));
      expect(all.items.filter((i) => i.sku === 'DISC' || i.sku === 'GONE').map((i) => [i.sku, i.suggestedQuantity])).toEqual([['DISC', 5]]);

      // Named, a discontinued item nobody waits for is planned as nothing to order, and drafted as nothing.
      const gone = must(await getReplenishmentPlan(world.store, 'GONE'));
      expect(gone).toMatchObject({ suggestedQuantity: 0, safetyStock: 0, reorderPoint: 0, meanDemandPerDay: 0 });
      expect(gone.explanation.join('\n')).toMatch(/Discontinued: only the 0 units customers wait for, less stock and open orders[\s\S]*No customer waits for it/);
      expect(must(await createDraftPurchaseOrders(world.store, { skus: ['GONE'] }, 'test'))).toMatchObject({ items: [], skipped: [], withoutForecast: 0 });

      // Two units come in and go to the waiting customers: three are left to order.
      await receive(world.store, 'DISC', 'MAIN', 2);
      expect(must(await getReplenishmentPlan(world.store, 'DISC'))).toMatchObject({ suggestedQuantity: 3, stock: { backordered: 3 } });
      const drafts = must(await createDraftPurchaseOrders(world.store, { skus: ['DISC', 'GONE'] }, 'test'));
      expect(drafts.items.map((po) => [po.supplier, po.lines.map((l) => [l.sku, l.quantity])])).toEqual([['ACME', [['DISC', 3]]]]);
    });

    it('pages on from the last item shown, so restocking an item between pages skips no other', async () => {
      must(await runForecasts(world.store));
      const ranked = must(await listReplenishment(world.store, { all: true })).items.map((i) => i.sku);
      const first = must(await listReplenishment(world.store, { all: true, limit: 2 }));
      const [restocked, second, third] = ranked;
      expect(first.items.map((i) => i.sku)).toEqual([restocked, second]);
      await receive(world.store, restocked as string, 'MAIN', 100_000);
      const next = must(await listReplenishment(world.store, { all: true, limit: 2, cursor: first.nextCursor as string }));
      expect(next.items[0]?.sku).toBe(third);
    });

    it('plans an item whose forecast has all but died out, with no stockout date instead of an error', async () => {
      await seedItem(world.store, 'FOSSIL');
      // Two orders in the first weeks of two years: the forecast decays to a few units a century.
      await seedHistory(world, 'FOSSIL', [3, 0, 0, 0, 0, 0, 0, 4, ...new Array<number>(720).fill(0)]);
      await receive(world.store, 'FOSSIL', 'MAIN', 10);
      must(await runForecasts(world.store));
      const plan = must(await getReplenishmentPlan(world.store, 'FOSSIL'));
      expect(plan.meanDemandPerDay).toBeLessThan(10 / 36_500);
      expect(plan.urgency).toMatchObject({ daysUntilStockout: null, stockoutOn: null });
      const all = must(await listReplenishment(world.store, { all: true }));
      expect(all.items.at(-1)?.urgency.daysUntilStockout ?? null).toBeNull();
      expect(all.items.some((i) => i.sku === 'FOSSIL')).toBe(true);
    });

    it('stops a planning run when its process shuts down, recording it as failed rather than running', async () => {
      const stopping = new AbortController();
      stopping.abort();
      const stopped = await runPlanning(world.store, { trigger: 'nightly', signal: stopping.signal });
      expect(stopped).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
      expect((await world.store.read((tx) => tx.planning.latestRuns(1)))[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/shutting down/) });
      // The next start that day takes the failed run over.
      expect(must(await runPlanning(world.store, { trigger: 'nightly' }))).toMatchObject({ items: 5 });
    });

    it('retries a failed nightly run later the same day, taking the failed run over, and gives up after its last retry', async () => {
      let calls = 0;
      let failUntil = 1;
      const flaky: ForecastComputer = async (jobs) => {
        calls++;
        if (calls <= failUntil) throw new Error('forecast worker died');
        return computeInThread(jobs);
      };
      const pool = { size: 1, compute: flaky, close: async () => undefined };
      const logged: Record<string, unknown>[] = [];
      const log = (message: string, details: Record<string, unknown>) => logged.push({ message, ...details });
      const afterTheHour = () => new Date('2026-03-02T09:00:00Z');
      const schedule = startNightlyPlanning({ store: world.store, hour: 2, pool, clock: afterTheHour, catchUpDelayMs: 0, retryDelaysMs: [10, 10], log });
      await expect.poll(async () => (await world.store.read((tx) => tx.planning.latestRuns(5))).map((r) => [r.day, r.status, r.items]), { timeout: 30_000 })
        .toEqual([['2026-03-02', 'finished', 5]]);
      await schedule.stop();
      expect(logged).toEqual([{ message: 'nightly planning failed', error: 'forecast worker died' }]);

      // Failing every time: the first attempt and each retry once, then it waits for the next night.
      world.clock.advanceDays(1);
      calls = 0;
      failUntil = Infinity;
      logged.length = 0;
      const failing = startNightlyPlanning({ store: world.store, hour: 2, pool, clock: () => new Date('2026-03-03T09:00:00Z'), catchUpDelayMs: 0, retryDelaysMs: [10, 10], log });
      await expect.poll(() => logged.length, { timeout: 30_000 }).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await failing.stop();
      expect(logged.length).toBe(3);
      expect((await world.store.read((tx) => tx.planning.latestRuns(5))).map((r) => [r.day, r.status])).toEqual([['2026-03-03', 'failed'], ['2026-03-02', 'finished']]);
    });

    it('runs the nightly plan once a day, however many times it is started', async () => {
      const first = must(await runPlanning(world.store, { trigger: 'nightly' }));
      expect(first).toMatchObject({ items: 5, suggestions: 4 });
      expect(must(await runPlanning(world.store, { trigger: 'nightly' }))).toBeNull();
      const schedule = startNightlyPlanning({ store: world.store, hour: 2, clock: () => new Date('2026-03-02T10:00:00Z') });
      expect(schedule.nextRunAt().toISOString()).toBe('2026-03-03T02:00:00.000Z');
      expect(must(await schedule.runNow())).toBeNull();
      await schedule.stop();
      world.clock.advanceDays(1);
      const nextDay = startNightlyPlanning({ store: world.store, hour: 2 });
      expect(must(await nextDay.runNow())).toMatchObject({ items: 5 });
      await nextDay.stop();
      const runs = await world.store.read((tx) => tx.planning.latestRuns(5));
      expect(runs.map((r) => [r.trigger, r.day, r.status, r.items, r.suggestions])).toEqual([
        ['nightly', '2026-03-03', 'finished', 5, 4],
        ['nightly', '2026-03-02', 'finished', 5, 4],
      ]);

      // A run whose process died stays 'running'; after six hours the next process takes it over.
      world.clock.advanceDays(1);
      const dead = await world.store.transaction((tx) => tx.planning.claimRun('nightly', '2026-03-04'));
      world.clock.advanceHours(5);
      expect(must(await runPlanning(world.store, { trigger: 'nightly' }))).toBeNull();
      world.clock.advanceHours(2);
      expect(must(await runPlanning(world.store, { trigger: 'nightly' }))).toMatchObject({ runId: dead, items: 5 });
      expect(must(await runPlanning(world.store, { trigger: 'nightly' }))).toBeNull();
      expect((await world.store.read((tx) => tx.planning.latestRuns(1)))[0]).toMatchObject({ id: dead, day: '2026-03-04', status: 'finished' });

      // A process that starts after the hour catches today up: here today's run failed (a shutdown stopped it).
      world.clock.advanceDays(1);
      const stopped = await world.store.transaction((tx) => tx.planning.claimRun('nightly', '2026-03-05'));
      await world.store.transaction((tx) => tx.planning.finishRun(stopped as number, { status: 'failed', items: 0, suggestions: 0, error: 'stopped' }));
      const restarted = startNightlyPlanning({ store: world.store, hour: 2, clock: () => new Date('2026-03-05T09:00:00Z'), catchUpDelayMs: 0 });
      await expect.poll(async () => (await world.store.read((tx) => tx.planning.latestRuns(1)))[0], { timeout: 30_000 })
        .toMatchObject({ id: stopped, day: '2026-03-05', status: 'finished', items: 5 });
      await restarted.stop();
      // Started before the hour, or with today's run finished, nothing is caught up.
      const early = startNightlyPlanning({ store: world.store, hour: 23, clock: () => new Date('2026-03-05T09:00:00Z'), catchUpDelayMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await early.stop();
      expect((await world.store.read((tx) => tx.planning.latestRuns(10))).length).toBe(4);
    });
  });
}
