import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/app/check-invariants.js';
import type { Role } from '../../src/app/api-keys.js';
import { escapeFormula } from '../../src/app/csv-formula-escape.js';
import { MAX_DEMAND_UPLOAD_ROWS, MAX_UPLOAD_ROWS } from '../../src/http/csv-scope.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, expectError, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

interface Problem { line: number; field: string | null; message: string }
interface Report { rows: number; created: number; updated: number; unchanged: number; skipped: Problem[]; dryRun: boolean; warnings: Record<string, unknown>[]; backordersFilled?: number; returnedToQueue?: number }
interface Item { sku: string; name: string; unitPrice: number; backorderPolicy: string; discontinued: boolean }

/** The items and stock CSV imports over HTTP, as `restock import items|stock` runs them. */
for (const dialect of DIALECTS) {
  describe(`CSV imports of items and stock over HTTP on ${dialect}`, () => {
    let api: ApiHarness;
    const upload = (url: string, csv: string, role: Role = 'admin') =>
      api.call(role, { method: 'POST', url: `/api/v1${url}`, payload: csv, headers: { 'content-type': 'text/csv' } });
    const get = async <T>(url: string) => json<T>(await api.call('admin', { method: 'GET', url: `/api/v1${url}` }), 200);
    const itemCount = async () => (await get<{ items: unknown[] }>('/items?limit=100')).items.length;

    beforeEach(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
    });

    afterEach(async () => {
      expect(await checkInvariants(api.store)).toEqual([]);
      await api.close();
    });

    it('creates and updates items from CSV, changing only the columns the file has', async () => {
      const csv = 'sku,name,unitPrice,backorderPolicy\nWIDGET,Widget v2,1200,\nNEW-1,New one,500,allow\nGADGET,Gadget,2500,deny\n';
      const report = json<Report>(await upload('/items/import', csv), 200);
      expect(report).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1, skipped: [], dryRun: false, warnings: [] });
      // WIDGET's policy cell is empty: it stays as it was.
      expect(await get<Item>('/items/WIDGET')).toMatchObject({ name: 'Widget v2', unitPrice: 1200, backorderPolicy: 'allow' });
      expect(await get<Item>('/items/NEW-1')).toMatchObject({ name: 'New one', unitPrice: 500, backorderPolicy: 'allow', discontinued: false });
    });

    it('takes off the apostrophe an export puts before a formula, as restock import does', async () => {
      const formula = '=SUM(A1:A9)';
      json(await upload('/items/import', `sku,name\nNEW-1,${escapeFormula(formula)}\n`), 200);
      expect((await get<Item>('/items/NEW-1')).name).toBe(formula);
    });

    it('sets counted stock from CSV through adjustments, filling waiting backorders', async () => {
      const placed = json<{ id: number; status: string }>(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'GIZMO', quantity: 2 }] } }), 201);
      expect(placed.status).toBe('backordered');
      // The columns an export writes beside the count are accepted and ignored.
      const csv = 'sku,location,count,allocated,available,reason\nGIZMO,MAIN,4,0,0,\nWIDGET,MAIN,5,5,0,\nGADGET,BACKUP,7,0,7,cycle count\n';
      // A dry run says what the counts would fill; the import fills it.
      // GADGET had no stock at BACKUP before: its count creates that stock level.
      expect(json<Report>(await upload('/stock/import?dryRun=true', csv), 200)).toMatchObject({ created: 1, updated: 1, dryRun: true, backordersFilled: 2 });
      expect(json<Report>(await upload('/stock/import', csv), 200)).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1, skipped: [], dryRun: false, warnings: [], backordersFilled: 2, returnedToQueue: 0 });
      expect(await get(`/orders/${placed.id}`)).toMatchObject({ status: 'open', lines: [{ sku: 'GIZMO', allocated: 2, backordered: 0 }] });
      const levels = (await get<{ items: { sku: string; location: string; onHand: number; allocated: number }[] }>('/stock?limit=100')).items;
      expect(levels.filter((l) => l.sku !== 'WIDGET').map((l) => [l.sku, l.location, l.onHand, l.allocated])).toEqual([['GADGET', 'BACKUP', 7, 0], ['GIZMO', 'MAIN', 4, 2]]);
      const movements = (await get<{ items: { sku: string; kind: string; reason: string | null }[] }>('/stock/movements?limit=100')).items;
      expect(movements.filter((m) => m.kind === 'adjustment' && m.reason !== 'opening count').map((m) => [m.sku, m.reason])).toEqual([['GIZMO', 'import'], ['GADGET', 'cycle count']]);
    });

    it('reports the units a count returned to the queue beside those filled, whatever the rows\' order', async () => {
      // WIDGET's five units at MAIN are all allocated; the file moves them to BACKUP.
      const placed = json<{ id: number }>(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'WIDGET', quantity: 5 }] } }), 201);
      const moved = json<Report>(await upload('/stock/import', 'sku,location,count\nWIDGET,MAIN,0\nWIDGET,BACKUP,5\n'), 200);
      expect(moved).toMatchObject({ created: 1, updated: 1, returnedToQueue: 5, backordersFilled: 5 });
      expect(await get(`/orders/${placed.id}`)).toMatchObject({ status: 'open', lines: [{ allocated: 5, backordered: 0, allocations: [{ location: 'BACKUP', quantity: 5 }] }] });
      // Back the other way round: BACKUP's count first finds free units at MAIN to move the order to.
      const back = json<Report>(await upload('/stock/import', 'sku,location,count\nWIDGET,MAIN,5\nWIDGET,BACKUP,0\n'), 200);
      expect(back).toMatchObject({ created: 0, updated: 2, returnedToQueue: 0, backordersFilled: 0 });
      expect(await get(`/orders/${placed.id}`)).toMatchObject({ lines: [{ allocated: 5, allocations: [{ location: 'MAIN', quantity: 5 }] }] });
    });

    it('refuses a file with a bad row, naming its line and field, and imports nothing', async () => {
      const before = await dumpDatabase(api.store);
      const items = expectError(await upload('/items/import', 'sku,name,unitPrice\nNEW-1,New one,100\nNEW-2,Bad price,-5\nNEW-3,,100\n'), 400, 'VALIDATION_FAILED');
      expect(items.message).toBe('2 rows are invalid (of 3); nothing was imported');
      expect((items.details?.['problems'] as Problem[]).map((p) => [p.line, p.field])).toEqual([[3, 'unitPrice'], [4, 'name']]);
      const stock = expectError(await upload('/stock/import', 'sku,location,count\nWIDGET,MAIN,9\nWIDGET,NOWHERE,1\nGADGET,BACKUP,-1\n'), 400, 'VALIDATION_FAILED');
      expect((stock.details?.['problems'] as Problem[]).map((p) => [p.line, p.field])).toEqual([[3, 'location'], [4, 'count']]);
      const header = expectError(await upload('/stock/import', 'sku,location\nWIDGET,MAIN\n'), 400, 'VALIDATION_FAILED');
      expect(header.details).toEqual({ problems: [{ line: 1, field: 'count', message: 'count: is required' }] });
      // A file a spreadsheet saved with semicolons: the header reads as one column, and the refusal says why.
      const semicolons = expectError(await upload('/stock/import', 'sku;location;count\nWIDGET;MAIN;9\n'), 400, 'VALIDATION_FAILED');
      expect(semicolons.message).toBe('line 1: column sku is required: the header is one column, "sku;location;count"; separate the columns with commas, not semicolons');
      expect(await itemCount()).toBe(3);
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('imports the good rows with skipInvalid and lists the rows it skipped', async () => {
      const items = json<Report>(await upload('/items/import?skipInvalid=true', 'sku,name,unitPrice\nNEW-1,New one,100\nNEW-2,Bad price,-5\n'), 200);
      expect(items).toMatchObject({ rows: 2, created: 1, updated: 0, unchanged: 0, dryRun: false });
      expect(items.skipped.map((p) => [p.line, p.field])).toEqual([[3, 'unitPrice']]);
      expect(await itemCount()).toBe(4);
      const waiting = json<{ id: number }>(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'WIDGET', quantity: 7 }] } }), 201);
      // The first round fills the order and is rolled back for the bad row; the second fills it again: counted once.
      const stock = json<Report>(await upload('/stock/import?skipInvalid=true', 'sku,location,count\nWIDGET,MAIN,9\nWIDGET,NOWHERE,1\n'), 200);
      expect(stock).toMatchObject({ rows: 2, updated: 1, skipped: [{ line: 3, field: 'location' }], backordersFilled: 2 });
      expect(await get(`/orders/${waiting.id}`)).toMatchObject({ lines: [{ allocated: 7, backordered: 0 }] });
      expect((await get<{ onHand: number }>('/items/WIDGET')).onHand).toBe(9);
    });

    it('checks every row on a dry run and changes nothing', async () => {
      const before = await dumpDatabase(api.store);
      expect(json<Report>(await upload('/items/import?dryRun=true', 'sku,name\nNEW-1,New one\nWIDGET,Widget v2\n'), 200))
        .toEqual({ rows: 2, created: 1, updated: 1, unchanged: 0, skipped: [], dryRun: true, warnings: [] });
      expect(json<Report>(await upload('/stock/import?dryRun=true', 'sku,location,count\nWIDGET,MAIN,9\n'), 200))
        .toEqual({ rows: 1, created: 0, updated: 1, unchanged: 0, skipped: [], dryRun: true, warnings: [], backordersFilled: 0, returnedToQueue: 0 });
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('answers a row that discontinues an item customers wait for with its warning', async () => {
      // WIDGET has 5 on hand: an order of 8 leaves 3 units waiting.
      json(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'WIDGET', quantity: 8 }] } }), 201);
      const report = json<Report>(await upload('/items/import', 'sku,discontinued\nGADGET,false\nWIDGET,true\n'), 200);
      expect(report).toMatchObject({ rows: 2, updated: 1, unchanged: 1 });
      expect(report.warnings).toEqual([{
        line: 3, sku: 'WIDGET', code: 'DISCONTINUED_WITH_BACKORDERS', message: expect.stringContaining('3 units on 1 line of 1 order still wait for it'),
        waitingLines: 1, waitingUnits: 3, waitingOrders: 1, incomingUnits: 0,
      }]);
    });

    it('refuses any body but text/csv with 415 naming text/csv, on every CSV import', async () => {
      const before = await dumpDatabase(api.store);
      const refusals: [url: string, message: string][] = [
        ['/items/import', 'content-type: send the items as text/csv (a header row, then sku and any of name,unitPrice,unitCost,backorderPolicy,backorderLimit,lowStockThreshold,leadTimeDays,substitutes,discontinued), not application/json'],
        ['/stock/import', 'content-type: send the stock counts as text/csv (a header row, then sku,location,count[,reason]), not application/json'],
        ['/purchase-orders/import', 'content-type: send the purchase orders as text/csv (a header row, then supplier,sku,quantity[,unitCost,expectedOn,reference]), not application/json'],
        ['/demand/import', 'content-type: send the demand as text/csv (a header row, then sku,date,quantity[,location]), not application/json'],
      ];
      for (const [url, message] of refusals) {
        const asJson = expectError(await api.call('admin', { method: 'POST', url: `/api/v1${url}`, payload: [{ sku: 'WIDGET', name: 'Widget' }] }), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(asJson).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message, details: { field: 'content-type' } });
        // A JSON string of CSV is still JSON.
        const asJsonText = await api.call('admin', { method: 'POST', url: `/api/v1${url}`, payload: JSON.stringify('sku\nWIDGET\n'), headers: { 'content-type': 'application/json' } });
        expect(expectError(asJsonText, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toBe(message);
        const none = expectError(await api.call('admin', { method: 'POST', url: `/api/v1${url}` }), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(none.message).toBe(message.replace(', not application/json', ''));
      }
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('refuses an upload of more rows than one transaction should hold, before importing any', async () => {
      const rows = (n: number) => `sku,location,count\n${'WIDGET,MAIN,9\n'.repeat(n)}`;
      for (const url of ['/items/import', '/stock/import']) {
        const refused = expectError(await upload(url, rows(MAX_UPLOAD_ROWS + 1)), 400, 'VALIDATION_FAILED');
        expect(refused).toEqual({ code: 'VALIDATION_FAILED', message: `body: has more than the ${MAX_UPLOAD_ROWS} rows one upload takes: split the file, or import it with restock import on the server`, details: { field: 'body' } });
      }
      // At the limit the rows are read (and these, all one row repeated, refused as such).
      expect(expectError(await upload('/stock/import', rows(MAX_UPLOAD_ROWS)), 400, 'VALIDATION_FAILED').message).toMatch(/rows are invalid/);
    });

    it('refuses past demand of more rows than one upload takes, and imports nothing', async () => {
      const before = await dumpDatabase(api.store);
      const demand = `sku,date,quantity\n${'WIDGET,2026-01-05,1\n'.repeat(MAX_DEMAND_UPLOAD_ROWS + 1)}`;
      const refused = expectError(await upload('/demand/import', demand), 400, 'VALIDATION_FAILED');
      expect(refused).toEqual({ code: 'VALIDATION_FAILED', message: `body: has more than the ${MAX_DEMAND_UPLOAD_ROWS} rows one upload takes: split the file by sku, or import it with restock import demand on the server`, details: { field: 'body' } });
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('refuses a file that is not UTF-8 on every CSV import, naming its first such line, and imports nothing', async () => {
      const before = await dumpDatabase(api.store);
      // Windows-1252 / Latin-1 bytes, as a spreadsheet's plain CSV saves "Café".
      const latin1 = (header: string, row: string) => Buffer.concat([Buffer.from(`${header}\n${row}`), Buffer.from([0xe9]), Buffer.from('\n')]);
      for (const [url, body] of [
        ['/items/import', latin1('sku,name', 'NEW-1,Caf')],
        ['/stock/import', latin1('sku,location,count,reason', 'WIDGET,MAIN,9,caf')],
        ['/demand/import', latin1('sku,date,quantity,location', 'WIDGET,2026-01-05,1,MAIN caf')],
        ['/purchase-orders/import', latin1('supplier,sku,quantity,unitCost,expectedOn,reference', 'ACME,WIDGET,1,,,caf')],
      ] as const) {
        const refused = expectError(await api.call('admin', { method: 'POST', url: `/api/v1${url}`, payload: body, headers: { 'content-type': 'text/csv; charset=iso-8859-1' } }), 400, 'VALIDATION_FAILED');
        expect(refused).toEqual({ code: 'VALIDATION_FAILED', message: 'body: line 2 is not UTF-8 text: save the file as "CSV UTF-8" and try again', details: { field: 'body' } });
      }
      expect(await dumpDatabase(api.store)).toEqual(before);
      // The same name in UTF-8 imports as written.
      json(await upload('/items/import', 'sku,name\nNEW-1,Café\n'), 200);
      expect((await get<Item>('/items/NEW-1')).name).toBe('Café');
    });

    it('takes CSV only where an import is: other routes still refuse it as not JSON', async () => {
      const requests: InjectOptions[] = [
        { method: 'POST', url: '/api/v1/items', payload: 'sku,name\nNEW-1,New one\n' },
        { method: 'POST', url: '/api/v1/stock/adjustments', payload: 'sku,location,delta,reason\nWIDGET,MAIN,1,x\n' },
        { method: 'POST', url: '/api/v1/suppliers', payload: 'code,name\nACME,Acme\n' },
      ];
      for (const request of requests) {
        expectError(await api.call('admin', { ...request, headers: { 'content-type': 'text/csv' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('keeps the imports to the roles that may change items and stock', async () => {
      const before = await dumpDatabase(api.store);
      for (const role of ['viewer', 'storefront'] as const) {
        expectError(await upload('/items/import', 'sku,name\nNEW-1,New one\n', role), 403, 'FORBIDDEN');
        expectError(await upload('/stock/import', 'sku,location,count\nWIDGET,MAIN,9\n', role), 403, 'FORBIDDEN');
      }
      expect(await dumpDatabase(api.store)).toEqual(before);
      json(await upload('/items/import', 'sku,name\nNEW-1,New one\n', 'operator'), 200);
      json(await upload('/stock/import', 'sku,location,count\nNEW-1,MAIN,9\n', 'operator'), 200);
    });
  });
}
