import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPlanning } from '../../src/app/planning/run-planning.js';
import { DEFAULT_PLANNING_SETTINGS } from '../../src/app/planning/planning-settings.js';
import { dumpDatabase, expectError, json, startApi, type ApiHarness } from '../http/support.js';
import { seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { receive, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dayBefore, PlanningClock, syntheticDemand } from './planning-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`planning API on ${dialect}`, () => {
    let api: ApiHarness;
    const post = (url: string, payload: unknown, role: 'admin' | 'viewer' = 'admin') => api.call(role, { method: 'POST', url: `/api/v1${url}`, payload: payload as object });
    const get = (url: string) => api.call('viewer', { method: 'GET', url: `/api/v1${url}` });

    beforeEach(async () => {
      const clock = new PlanningClock();
      api = await startApi(dialect, { clock: clock.now });
      await seedLocation(api.store, 'MAIN');
      await seedItem(api.store, 'WIDGET', { leadTimeDays: 7 });
      await seedItem(api.store, 'GADGET', { leadTimeDays: 7 });
      await seedSupplier(api.store, 'ACME', { leadTimeDays: 7 });
      await seedLink(api.store, 'WIDGET', 'ACME', { preferred: true, moq: 30, packSize: 10 });
      await receive(api.store, 'WIDGET', 'MAIN', 5);
      const csv = ['sku,date,quantity', ...syntheticDemand(180, 2, 5).map((q, i) => `WIDGET,${dayBefore('2026-03-02', 180 - i)},${q}`)].join('\n');
      json(await api.call('admin', { method: 'POST', url: '/api/v1/demand/import', payload: csv, headers: { 'content-type': 'text/csv' } }), 200);
    });

    afterEach(async () => {
      await api.close();
    });

    it('shows demand and forecasts, and lists and drafts suggestions', async () => {
      const demand = json<{ totals: { imported: number; total: number }; buckets: unknown[] }>(await get('/items/WIDGET/demand?bucket=month&from=2025-09-01&to=2026-03-01'), 200);
      expect(demand.buckets).toHaveLength(7);
      expect(demand.totals.imported).toBe(demand.totals.total);
      const forecast = json<{ method: string; stepDays: number; steps: { mean: number }[] }>(await get('/items/WIDGET/forecast'), 200);
      expect(forecast.stepDays).toBe(7);
      expect(forecast.steps[0]?.mean).toBeGreaterThan(7);
      const list = json<{ items: { sku: string; suggestedQuantity: number; supplier: string | null; urgency: { daysUntilStockout: number | null } }[]; withoutForecast: number }>(await get('/replenishment?serviceLevel=0.9&service=cycle-service-level'), 200);
      expect(list.withoutForecast).toBe(1);
      expect(list.items.map((i) => i.sku)).toEqual(['WIDGET']);
      expect(list.items[0]?.suggestedQuantity).toBeGreaterThanOrEqual(30);
      expect((list.items[0]?.suggestedQuantity ?? 1) % 10).toBe(0);
      const one = json<{ service: unknown; explanation: string[] }>(await get('/replenishment/WIDGET?leadTimeModel=normal'), 200);
      expect(one.service).toEqual({ kind: 'fill-rate', target: 0.95 });
      // A decimal setting is read however JSON may write the number.
      for (const level of ['.5', '5e-1', '0.5']) {
        expect(json<{ service: unknown }>(await get(`/replenishment/WIDGET?serviceLevel=${level}`), 200).service).toEqual({ kind: 'fill-rate', target: 0.5 });
      }
      expect(one.explanation.join(' ')).toMatch(/σ = /);
      const drafts = json<{ items: { supplier: string; status: string; lines: { sku: string; quantity: number }[] }[]; skipped: unknown[] }>(await post('/replenishment/draft-purchase-orders', {}), 201);
      expect(drafts.items.map((po) => [po.supplier, po.status, po.lines.map((l) => l.sku)])).toEqual([['ACME', 'draft', ['WIDGET']]]);
      expectError(await post('/replenishment/draft-purchase-orders', {}, 'viewer'), 403, 'FORBIDDEN');
      const run = json<{ items: number }>(await post('/forecasts', { skus: ['GADGET'] }), 200);
      expect(run.items).toBe(1);
    });

    it('refuses a service level outside (0, 1), naming the field', async () => {
      for (const level of ['1.2', '0', '-0.5', 'high']) {
        const error = expectError(await get(`/replenishment?serviceLevel=${level}`), 400, 'VALIDATION_FAILED');
        expect(error.details).toMatchObject({ field: 'serviceLevel' });
      }
      expect(expectError(await get('/replenishment/WIDGET?serviceLevel=1'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'serviceLevel' });
      expect(expectError(await post('/replenishment/draft-purchase-orders', { serviceLevel: 1.5 }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'serviceLevel' });
      // Costs no purchase order has made lots of 1e22 units, and the search for s spun forever.
      const extreme = '/replenishment?policy=eoq&orderingCost=99999999999999999999999999999999&holdingRate=0.0000000000000000000000000001';
      expect(expectError(await get(extreme), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'orderingCost' });
      expect(expectError(await post('/replenishment/draft-purchase-orders', { holdingRate: 1e300 }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'holdingRate' });
      expect(expectError(await get('/replenishment/WIDGET?backorderCostRatio=0'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'backorderCostRatio' });
      expect(expectError(await get('/replenishment?policy=magic'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'policy' });
    });

    it('answers 201 only when drafts were made, and 200 with the empty result when none was', async () => {
      // A sku the body names that is not an item is bad input, as in an order (404 is for what a path names).
      expect(expectError(await post('/replenishment/draft-purchase-orders', { skus: ['WIDGET', 'NOPE'] }), 400, 'VALIDATION_FAILED')).toMatchObject({ message: 'skus[1]: no item with sku NOPE', details: { field: 'skus[1]' } });
      const made = json<{ items: unknown[] }>(await post('/replenishment/draft-purchase-orders', { skus: ['WIDGET'] }), 201);
      expect(made.items).toHaveLength(1);
      // WIDGET is on a draft now and GADGET has nothing to order: nothing is made.
      const none = json<{ items: unknown[]; skipped: { sku: string }[] }>(await post('/replenishment/draft-purchase-orders', {}), 200);
      expect(none.items).toEqual([]);
      expect(none.skipped.map((s) => s.sku)).toEqual(['WIDGET']);
      const openapi = json<{ paths: Record<string, { post: { responses: Record<string, unknown> } }> }>(await get('/openapi.json'), 200);
      expect(Object.keys(openapi.paths['/api/v1/replenishment/draft-purchase-orders']?.post.responses ?? {})).toEqual(expect.arrayContaining(['200', '201']));
    });

    it('refuses a demand import that is not text/csv with 415, naming the content type it needs, and imports nothing', async () => {
      const before = await dumpDatabase(api.store);
      const asJson = expectError(await post('/demand/import', [{ sku: 'WIDGET', date: '2026-02-01', quantity: 3 }]), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(asJson.message).toBe('content-type: send the demand as text/csv (a header row, then sku,date,quantity[,location]), not application/json');
      expect(asJson.details).toEqual({ field: 'content-type' });
      const asText = await api.call('admin', { method: 'POST', url: '/api/v1/demand/import', payload: 'sku,date,quantity\nWIDGET,2026-02-01,3', headers: { 'content-type': 'text/plain' } });
      expect(expectError(asText, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toMatch(/text\/csv.*not text\/plain$/);
      expect(expectError(await api.call('admin', { method: 'POST', url: '/api/v1/demand/import' }), 415, 'UNSUPPORTED_MEDIA_TYPE').message).toBe('content-type: send the demand as text/csv (a header row, then sku,date,quantity[,location])');
      // A CSV body with nothing in it still says what it lacks.
      const empty = await api.call('admin', { method: 'POST', url: '/api/v1/demand/import', payload: '', headers: { 'content-type': 'text/csv' } });
      expect(expectError(empty, 400, 'VALIDATION_FAILED').message).toMatch(/^body: is empty; it needs a header row/);
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('forecasts over the horizon asked for, as restock forecast --horizon does, and refuses a bad one naming horizonDays', async () => {
      const weeks = (body: { steps: unknown[] }) => body.steps.length;
      expect(weeks(json<{ steps: unknown[] }>(await get('/items/WIDGET/forecast'), 200))).toBe(13);
      expect(weeks(json<{ steps: unknown[] }>(await get('/items/WIDGET/forecast?horizonDays=14'), 200))).toBe(2);
      expect(weeks(json<{ steps: unknown[] }>(await get('/items/WIDGET/forecast?horizonDays=120'), 200))).toBe(18);
      json(await post('/forecasts', { skus: ['WIDGET'], horizonDays: 182 }), 200);
      expect(weeks(json<{ steps: unknown[] }>(await get('/items/WIDGET/forecast'), 200))).toBe(26);
      for (const bad of ['0', '367', '1.5', 'soon']) {
        expect(expectError(await get(`/items/WIDGET/forecast?horizonDays=${bad}`), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'horizonDays' });
      }
      expect(expectError(await post('/forecasts', { horizonDays: 0 }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'horizonDays' });
      // An unknown sku is named by its place in the list, one sku or several; an item's own forecast names its sku.
      expect(expectError(await post('/forecasts', { skus: ['NOPE'] }), 400, 'VALIDATION_FAILED')).toMatchObject({ message: 'skus[0]: no item with sku NOPE', details: { field: 'skus[0]' } });
      expect(expectError(await post('/forecasts', { skus: ['WIDGET', 'NOPE'] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'skus[1]' });
      expect(expectError(await get('/items/NOPE/forecast'), 404, 'NOT_FOUND').details).toMatchObject({ field: 'sku' });
    });

    it('lists the latest planning runs with their status, times, counts, settings and the error of a failed one', async () => {
      expect(json<{ items: unknown[] }>(await get('/planning-runs'), 200)).toEqual({ items: [], nextCursor: null });
      const stopping = new AbortController();
      stopping.abort();
      const settings = { ...DEFAULT_PLANNING_SETTINGS, service: { kind: 'cycle-service-level' as const, target: 0.9 }, policy: 'eoq' as const };
      expect(await runPlanning(api.store, { trigger: 'manual', settings, signal: stopping.signal })).toMatchObject({ ok: false });
      expect(await runPlanning(api.store, { trigger: 'nightly', settings })).toMatchObject({ ok: true });
      const runs = json<{ items: Record<string, unknown>[] }>(await get('/planning-runs'), 200);
      expect(runs.items).toEqual([
        { id: expect.any(Number), trigger: 'nightly', day: '2026-03-02', status: 'finished', startedAt: expect.any(String), finishedAt: expect.any(String), items: 2, suggestions: 1, settings, error: null },
        { id: expect.any(Number), trigger: 'manual', day: '2026-03-02', status: 'failed', startedAt: expect.any(String), finishedAt: expect.any(String), items: 0, suggestions: 0, settings, error: expect.stringMatching(/shutting down/) },
      ]);
      expect(json<{ items: unknown[] }>(await get('/planning-runs?limit=1'), 200).items).toHaveLength(1);
      for (const bad of ['0', '101', 'many']) expect(expectError(await get(`/planning-runs?limit=${bad}`), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'limit' });
    });

    it('pages through the planning runs, most recent first, each run once, and refuses a cursor it did not give out', async () => {
      const stopping = new AbortController();
      stopping.abort();
      for (let i = 0; i < 5; i += 1) expect(await runPlanning(api.store, { trigger: 'manual', signal: stopping.signal })).toMatchObject({ ok: false });
      type RunPage = { items: { id: number }[]; nextCursor: string | null };
      const all = json<RunPage>(await get('/planning-runs'), 200);
      expect(all.items).toHaveLength(5);
      expect(all.nextCursor).toBeNull();
      const seen: number[][] = [];
      let page = json<RunPage>(await get('/planning-runs?limit=2'), 200);
      seen.push(page.items.map((r) => r.id));
      while (page.nextCursor !== null) {
        page = json<RunPage>(await get(`/planning-runs?limit=2&cursor=${page.nextCursor}`), 200);
        seen.push(page.items.map((r) => r.id));
      }
      expect(seen.map((ids) => ids.length)).toEqual([2, 2, 1]);
      expect(seen.flat()).toEqual(all.items.map((r) => r.id));
      // A run started while paging shows on the first page, never shifting a later one.
      const first = json<RunPage>(await get('/planning-runs?limit=2'), 200);
      await runPlanning(api.store, { trigger: 'manual', signal: stopping.signal });
      expect(json<RunPage>(await get(`/planning-runs?limit=2&cursor=${first.nextCursor}`), 200).items.map((r) => r.id)).toEqual(seen[1]);
      for (const bad of ['nope!', Buffer.from('"7"').toString('base64url'), Buffer.from('-1').toString('base64url'), 'x'.repeat(1025)]) {
        const error = expectError(await get(`/planning-runs?cursor=${bad}`), 400, 'VALIDATION_FAILED');
        expect(error.details).toMatchObject({ field: 'cursor' });
        expect(error.message).toMatch(/^cursor: /);
      }
      const openapi = json<{ paths: Record<string, { get: { parameters: { name: string; in: string; schema: Record<string, unknown> }[]; responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> } }> }>(await get('/openapi.json'), 200);
      const operation = openapi.paths['/api/v1/planning-runs']?.get;
      expect(operation?.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])).toEqual([
        ['cursor', expect.objectContaining({ type: 'string', maxLength: 1024 })],
        ['limit', expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100 })],
      ]);
      expect(Object.keys(operation?.responses['200']?.content['application/json']?.schema.properties ?? {})).toEqual(['items', 'nextCursor']);
    });

    it('refuses a bad demand file, naming each line, and imports nothing', async () => {
      const before = await dumpDatabase(api.store);
      const csv = 'sku,date,quantity\nWIDGET,2026-02-01,3\nWIDGET,2026-13-01,1\nGADGET,2026-02-01,-2\nNOPE,2026-02-01,1\n';
      const error = expectError(await api.call('admin', { method: 'POST', url: '/api/v1/demand/import', payload: csv, headers: { 'content-type': 'text/csv' } }), 400, 'VALIDATION_FAILED');
      expect((error.details as { problems: { line: number; field: string }[] }).problems.map((p) => [p.line, p.field])).toEqual([[3, 'date'], [4, 'quantity'], [5, 'sku']]);
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('simulates the current plan beside other policies on the item\'s history, reproducibly', async () => {
      const body = { sku: 'WIDGET', policies: [{ kind: 'current' }, { kind: 'R-S', reviewPeriod: 7, orderUpTo: 40 }, { kind: 's-Q', reorderPoint: 10, orderQuantity: 30, name: 'small lots' }], seed: 3 };
      const first = json<{ sku: string; periods: number; warnings: string[]; demand: { kind: string; total: number }; results: { name: string; policy: { kind: string }; fillRate: number; units: { demand: number }; trajectory: { onHand: number[] } | null }[] }>(await post('/simulations', body), 200);
      expect(first.sku).toBe('WIDGET');
      // A year was asked for, but the item's demand begins 180 days back: days before it are not
      // replayed as days nobody wanted it.
      expect(first.periods).toBe(180);
      expect(first.demand).toMatchObject({ kind: 'history', from: dayBefore('2026-03-02', 180) });
      expect(first.warnings).toEqual([`The item's demand history starts on ${dayBefore('2026-03-02', 180)} (its creation or first recorded demand): 180 days replayed, not 365.`]);
      expect(first.results.map((r) => [r.name, r.policy.kind])).toEqual([['current plan', 'R-S'], ['(R=7, S=40)', 'R-S'], ['small lots', 's-Q']]);
      for (const r of first.results) {
        expect(r.units.demand).toBe(first.demand.total);
        expect(r.trajectory?.onHand).toHaveLength(180);
        expect(r.fillRate).toBeGreaterThan(0);
      }
      expect(json(await post('/simulations', body), 200)).toEqual(first);

      const generated = json<{ periods: number; results: { fillRate: number; trajectory: unknown }[] }>(await post('/simulations', {
        demand: { kind: 'poisson', periods: 3650, mean: 4 }, leadTime: 5, reviewPeriod: 7, mode: 'lost-sales', trajectory: false,
        policies: [{ kind: 's-S', reorderPoint: 30, orderUpTo: 80 }, { kind: 'min-max', min: 30, max: 80 }],
      }), 200);
      expect(generated.periods).toBe(3650);
      expect(generated.results[0]).toEqual({ ...generated.results[1], name: expect.any(String), policy: expect.anything() });
      expect(generated.results[0]?.trajectory).toBeNull();
      const csv = json<{ periods: number; demand: { total: number } }>(await post('/simulations', { demand: { kind: 'csv', text: 'date,quantity\n2026-01-01,3\n2026-01-02,0\n2026-01-03,5\n' }, leadTime: 1, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 6 }] }), 200);
      expect(csv).toMatchObject({ periods: 3, demand: { total: 8 } });
    });

    it('names the field of every bad simulation input and writes nothing', async () => {
      const before = await dumpDatabase(api.store);
      const base = { demand: { kind: 'series', values: [1, 2, 3] }, leadTime: 2, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 5 }] };
      const cases: [unknown, string][] = [
        [{ ...base, leadTime: -1 }, 'leadTime'],
        [{ ...base, leadTime: [{ periods: 2, probability: 0.5 }] }, 'leadTime'],
        [{ ...base, leadTime: 'soon' }, 'leadTime'],
        [{ ...base, demand: { kind: 'series', values: [] } }, 'demand.values'],
        [{ ...base, demand: { kind: 'series', values: [1, -2] } }, 'demand.values[1]'],
        [{ ...base, demand: { kind: 'series', values: [1, 2.5] } }, 'demand.values[1]'],
        [{ ...base, demand: { kind: 'weather' } }, 'demand.kind'],
        [{ ...base, demand: { kind: 'csv', text: 'quantity\n1\nlots\n' } }, 'demand.text'],
        [{ ...base, demand: { kind: 'poisson', periods: 0, mean: 2 } }, 'demand.periods'],
        [{ ...base, demand: { kind: 'normal', periods: 10, mean: 2, sd: -1 } }, 'demand.sd'],
        [{ ...base, demand: { kind: 'history' } }, 'sku'],
        [{ ...base, policies: [] }, 'policies'],
        [{ ...base, policies: [{ kind: 's-Q', reorderPoint: 9007199254740991, orderQuantity: 1 }] }, 'policies[0].reorderPoint'],
        [{ ...base, policies: [{ kind: 's-Q', reorderPoint: 1, orderQuantity: 2e12 }] }, 'policies[0].orderQuantity'],
        [{ ...base, policies: [{ kind: 'min-max', min: -2e12, max: 5 }] }, 'policies[0].min'],
        [{ ...base, policies: [{ kind: 'magic' }] }, 'policies[0].kind'],
        [{ ...base, policies: [{ kind: 'current' }] }, 'policies[0].kind'],
        [{ ...base, policies: [{ kind: 's-Q', reorderPoint: 3, orderQuantity: 0 }] }, 'policies[0].orderQuantity'],
        [{ ...base, policies: [{ kind: 's-S', reorderPoint: 5, orderUpTo: 5 }] }, 'policies[0].orderUpTo'],
        [{ ...base, policies: [{ kind: 'R-S', orderUpTo: 5 }] }, 'policies[0].reviewPeriod'],
        [{ ...base, mode: 'panic' }, 'mode'],
        [{ ...base, seed: 1.5 }, 'seed'],
        [{ ...base, costs: { holdingCostPerUnitPeriod: -1 } }, 'costs.holdingCostPerUnitPeriod'],
        [{ ...base, colour: 'red' }, 'colour'],
        // Shapes and sizes that once ended in a 500 (found by fuzzing).
        [{ ...base, demand: { kind: 'series' } }, 'demand.values'],
        [{ ...base, demand: { kind: 'series', values: [1, 2], days: 1_000_000_000 } }, 'demand.days'],
        [{ ...base, demand: { kind: 'series', values: [1, 1e12] } }, 'demand.values[1]'],
        [{ ...base, leadTime: 1_099_511_627_776 }, 'leadTime'],
        [{ ...base, leadTime: [{ periods: 1_099_511_627_776, probability: 1 }] }, 'leadTime[0].periods'],
        [{ ...base, demand: { kind: 'normal', periods: 10, mean: 1e308, sd: 1 } }, 'demand.mean'],
        [{ ...base, demand: { kind: 'poisson', periods: 10, mean: 1e308 } }, 'demand.mean'],
        [{ ...base, demand: { kind: 'intermittent', periods: 10, probability: 0.5, sizeMean: 1e308, sizeSd: 1 } }, 'demand.sizeMean'],
        [{ ...base, costs: { orderingCost: 1e308 } }, 'costs.orderingCost'],
        [{ ...base, initialOnHand: 9e15 }, 'initialOnHand'],
        [{ demand: base.demand, leadTime: 2 }, 'policies'],
        [{ ...base, sku: 'WIDGET', policies: [{ kind: 'current' }], settings: { serviceLevel: 2 } }, 'settings.serviceLevel'],
        [{ ...base, sku: 'WIDGET', policies: [{ kind: 'current' }], settings: { colour: 'red' } }, 'settings.colour'],
        [{ ...base, sku: 'WIDGET', policies: [{ kind: 'current' }], settings: 'fast' }, 'settings'],
      ];
      for (const [payload, field] of cases) {
        const error = expectError(await post('/simulations', payload), 400, 'VALIDATION_FAILED');
        expect({ payload, field: (error.details as { field?: string } | null)?.field, prefix: error.message.startsWith(`${field}: `) }).toEqual({ payload, field, prefix: true });
      }
      expect(expectError(await post('/simulations', { ...base, sku: 'NOPE', demand: { kind: 'history' } }), 404, 'NOT_FOUND').details).toMatchObject({ field: 'sku' });
      expect(expectError(await post('/simulations', { ...base, sku: 'NOPE', policies: [{ kind: 'current' }] }), 404, 'NOT_FOUND').details).toMatchObject({ field: 'sku' });
      expect(await dumpDatabase(api.store)).toEqual(before);
    });
  });
}

