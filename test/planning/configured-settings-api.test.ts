import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLANNING_SETTINGS, settingsAsFields, type PlanningSettings } from '../../src/app/planning/planning-settings.js';
import { json, startApi, type ApiHarness } from '../http/support.js';
import { seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dayBefore, PlanningClock, syntheticDemand } from './planning-fixtures.js';

/** What a shop set in RESTOCK_PLAN_*: EOQ at a 99% cycle service level, reviewed fortnightly, orders costing 800.00. */
const SHOP: PlanningSettings = {
  ...DEFAULT_PLANNING_SETTINGS,
  service: { kind: 'cycle-service-level', target: 0.99 },
  policy: 'eoq',
  reviewPeriodDays: 14,
  orderingCost: 80_000,
};

/** Every default spelled out, as a body and a query string: what the API planned under before it took the shop's settings. */
const DEFAULTS_BODY = settingsAsFields(DEFAULT_PLANNING_SETTINGS);
const DEFAULTS_QUERY = new URLSearchParams(Object.entries(DEFAULTS_BODY).map(([field, value]): [string, string] => [field, String(value)])).toString();

interface Plan { sku: string; policy: string; service: unknown; reviewPeriodDays: number | null; suggestedQuantity: number }

/** The shop's planning settings (AppOptions.planningSettings, from RESTOCK_PLAN_* in serve) are the planning routes' defaults; a request's own override them. */
for (const dialect of DIALECTS) {
  describe(`planning routes under the shop's settings on ${dialect}`, () => {
    let api: ApiHarness;
    const post = (url: string, payload: unknown) => api.call('admin', { method: 'POST', url: `/api/v1${url}`, payload: payload as object });
    const get = (url: string) => api.call('viewer', { method: 'GET', url: `/api/v1${url}` });

    beforeEach(async () => {
      api = await startApi(dialect, { clock: new PlanningClock().now, planningSettings: SHOP });
      await seedLocation(api.store, 'MAIN');
      await seedSupplier(api.store, 'ACME', { leadTimeDays: 7 });
      for (const sku of ['WIDGET', 'GADGET']) {
        await seedItem(api.store, sku, { leadTimeDays: 7, unitCost: 1000 });
        await seedLink(api.store, sku, 'ACME', { preferred: true });
      }
      const days = syntheticDemand(180, 4, 5);
      const csv = ['sku,date,quantity', ...['WIDGET', 'GADGET'].flatMap((sku) => days.map((q, i) => `${sku},${dayBefore('2026-03-02', 180 - i)},${q}`))].join('\n');
      json(await api.call('admin', { method: 'POST', url: '/api/v1/demand/import', payload: csv, headers: { 'content-type': 'text/csv' } }), 200);
      json(await post('/forecasts', {}), 200);
    });

    afterEach(async () => {
      await api.close();
    });

    it('lists, explains and drafts under the shop\'s settings, and says so', async () => {
      const list = json<{ settings: PlanningSettings; items: Plan[] }>(await get('/replenishment'), 200);
      expect(list.settings).toEqual(SHOP);
      expect(list.items.map((i) => [i.sku, i.policy, i.service])).toEqual([
        ['GADGET', 'eoq', SHOP.service],
        ['WIDGET', 'eoq', SHOP.service],
      ]);
      const shopQuantity = list.items[0]?.suggestedQuantity;
      // The defaults would order something else, so a draft shows which settings it was made under.
      const defaults = json<{ settings: PlanningSettings; items: Plan[] }>(await get(`/replenishment?${DEFAULTS_QUERY}`), 200);
      expect(defaults.settings).toEqual(DEFAULT_PLANNING_SETTINGS);
      expect(defaults.items[0]?.suggestedQuantity).not.toBe(shopQuantity);

      expect(json<Plan>(await get('/replenishment/WIDGET'), 200)).toMatchObject({ policy: 'eoq', service: SHOP.service, suggestedQuantity: shopQuantity });
      const drafts = json<{ items: { lines: { sku: string; quantity: number }[] }[] }>(await post('/replenishment/draft-purchase-orders', { skus: ['WIDGET'] }), 201);
      expect(drafts.items.map((po) => po.lines.map((l) => [l.sku, l.quantity]))).toEqual([[['WIDGET', shopQuantity]]]);

      // A fresh forecast covers the shop's review period besides the lead time: 7 + 14 days.
      const forecast = json<{ backtest: { protectionDays: number } }>(await get('/items/GADGET/forecast?refresh=true'), 200);
      expect(forecast.backtest.protectionDays).toBe(21);
      // A simulation of the item's plan prices orders as the shop does.
      const simulation = json<{ costs: { orderingCost: number } }>(await post('/simulations', { sku: 'GADGET', policies: [{ kind: 'current' }] }), 200);
      expect(simulation.costs.orderingCost).toBe(SHOP.orderingCost);
    });

    it('lets a request override the shop\'s settings field by field', async () => {
      const list = json<{ settings: PlanningSettings; items: Plan[] }>(await get('/replenishment?policy=order-up-to&serviceLevel=0.9'), 200);
      expect(list.settings).toEqual({ ...SHOP, policy: 'order-up-to', service: { kind: 'cycle-service-level', target: 0.9 } });
      expect(json<Plan>(await get('/replenishment/GADGET?policy=min-max'), 200)).toMatchObject({ policy: 'min-max', service: SHOP.service });
      const defaults = json<{ items: Plan[] }>(await get(`/replenishment?${DEFAULTS_QUERY}`), 200);
      const drafts = json<{ items: { lines: { sku: string; quantity: number }[] }[] }>(await post('/replenishment/draft-purchase-orders', { skus: ['GADGET'], ...DEFAULTS_BODY }), 201);
      expect(drafts.items.map((po) => po.lines.map((l) => [l.sku, l.quantity]))).toEqual([[['GADGET', defaults.items.find((i) => i.sku === 'GADGET')?.suggestedQuantity]]]);
      const simulation = json<{ costs: { orderingCost: number } }>(await post('/simulations', { sku: 'GADGET', policies: [{ kind: 'current' }], settings: { orderingCost: 1234 } }), 200);
      expect(simulation.costs.orderingCost).toBe(1234);
    });
  });
}
