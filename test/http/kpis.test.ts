import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.js';
import { expectError, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/kpis on ${dialect}`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
      json(await api.call('storefront', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'WIDGET', quantity: 7 }] } }), 201);
    });

    afterAll(() => api.close());

    it('reports the period with definitions', async () => {
      const report = json<{ overall: Record<string, unknown>; items: { sku: string }[]; definitions: Record<string, string>; series: unknown[] }>(
        await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?bucket=week' }),
        200,
      );
      expect(report.overall).toMatchObject({ orders: 1, unitsRequested: 7, unitFillRate: 0.7143, backorderRate: 0.2857, orderFillRate: 0 });
      expect(report.items.map((i) => i.sku)).toEqual(['GADGET', 'GIZMO', 'WIDGET']);
      expect(Object.keys(report.definitions)).toContain('inStockRate');
      expect(report.series.length).toBeGreaterThan(0);
    });

    it('exports the per-item table as CSV', async () => {
      const response = await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?sku=WIDGET&format=csv' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, row] = response.body.trim().split('\n');
      expect(header?.split(',').slice(0, 4)).toEqual(['sku', 'name', 'abc_class', 'units_requested']);
      expect(row?.startsWith('WIDGET,Widget,A,7,')).toBe(true);
    });

    it('exports any other table as CSV, and answers per location in JSON', async () => {
      const locations = await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?format=csv&table=locations' });
      expect(locations.statusCode).toBe(200);
      expect(locations.headers['content-disposition']).toMatch(/kpis-locations-/);
      const [header, ...rows] = locations.body.trim().split('\n');
      expect(header?.split(',').slice(0, 4)).toEqual(['location', 'name', 'active', 'items']);
      expect(rows.map((r) => r.split(',')[0])).toEqual(['MAIN', 'BACKUP']);
      const report = json<{ locations: { location: string; items: number }[] }>(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis' }), 200);
      expect(report.locations.map((l) => [l.location, l.items])).toEqual([['MAIN', 1], ['BACKUP', 1]]);
      const series = await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?format=csv&table=series' });
      expect(series.body.split('\n')[0]).toBe('bucket,requested,allocated_at_placement,unit_fill_rate,lost,lost_revenue');
      const bad = expectError(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?format=csv&table=orders' }), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(bad)).toContain('table');
    });

    it('leaves out, sorts and pages the per-item rows without changing the other figures', async () => {
      type Report = { overall: unknown; items: { sku: string }[]; itemCount: number };
      expect(json<Report>(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis' }), 200)).toMatchObject({ itemCount: 3, items: [{ sku: 'GADGET' }, { sku: 'GIZMO' }, { sku: 'WIDGET' }] });
      const none = json<Report>(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?itemLimit=0' }), 200);
      // Time runs between the calls (in-stock rates move): the figures that do not depend on it.
      expect(none).toMatchObject({ items: [], itemCount: 3, overall: { orders: 1, unitsRequested: 7, unitFillRate: 0.7143 } });
      const top = json<Report>(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?itemSort=-unitsRequested&itemLimit=1' }), 200);
      expect(top.items.map((i) => i.sku)).toEqual(['WIDGET']);
      const second = json<Report>(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?itemLimit=1&itemOffset=1' }), 200);
      expect(second.items.map((i) => i.sku)).toEqual(['GIZMO']);
      const csv = await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?format=csv&itemSort=-unitsRequested&itemLimit=1' });
      expect(csv.body.trim().split('\n').slice(1).map((r) => r.split(',')[0])).toEqual(['WIDGET']);
      for (const [query, field] of [['itemLimit=-1', 'itemLimit'], ['itemLimit=many', 'itemLimit'], ['itemOffset=-2', 'itemOffset'], ['itemSort=price', 'itemSort']] as const) {
        expect(JSON.stringify(expectError(await api.call('viewer', { method: 'GET', url: `/api/v1/kpis?${query}` }), 400, 'VALIDATION_FAILED'))).toContain(field);
      }
    });

    it('names the field of a bad period and refuses storefront keys', async () => {
      const error = expectError(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?from=2026-02-30' }), 400, 'VALIDATION_FAILED');
      expect(error.message).toMatch(/from/);
      expectError(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?from=2026-03-10&until=2026-03-01' }), 400, 'VALIDATION_FAILED');
      // Periods reaching before 1900 are typing mistakes, and before year 0 no longer make YYYY-MM-DD dates.
      expect(expectError(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?until=0000-01-01' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'until' });
      expect(expectError(await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?from=1899-12-31&until=1900-01-10' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'from' });
      expectError(await api.call('storefront', { method: 'GET', url: '/api/v1/kpis' }), 403, 'FORBIDDEN');
      expectError(await api.call(null, { method: 'GET', url: '/api/v1/kpis' }), 401, 'UNAUTHORIZED');
    });

    it('answers CSV with a leading apostrophe before text a spreadsheet would run as a formula', async () => {
      json(await api.call('admin', { method: 'POST', url: '/api/v1/items', payload: { sku: '-FORMULA', name: '=HYPERLINK("http://evil.example","x")' } }), 201);
      const response = await api.call('viewer', { method: 'GET', url: '/api/v1/kpis?sku=-FORMULA&format=csv' });
      const [, row] = response.body.trim().split('\n');
      expect(row?.startsWith(`'-FORMULA,"'=HYPERLINK(""http://evil.example"",""x"")",C,0,`)).toBe(true);
    });
  });
}
