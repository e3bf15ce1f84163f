import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, seedCatalogue, startApi, type ApiHarness } from './support.js';

/**
 * Every list or report that picks what it shows by a sku, location, supplier or endpoint given in
 * the query string. A name there that names nothing is bad input (400 VALIDATION_FAILED naming
 * the parameter and the value), never an empty answer that reads as "nothing there" and never a
 * 404, which says the route itself does not exist. A name in the path is the one record a request
 * is about: that stays 404.
 */
const FILTERED_BY_NAME: readonly { readonly url: string; readonly field: string; readonly value: string }[] = [
  { url: '/api/v1/backorders?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/availability?sku=WIDGET&sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/orders?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/stock?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/stock?location=NOWHERE', field: 'location', value: 'NOWHERE' },
  { url: '/api/v1/stock/movements?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/stock/movements?location=NOWHERE', field: 'location', value: 'NOWHERE' },
  { url: '/api/v1/kpis?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/purchase-orders?supplier=NOBODY', field: 'supplier', value: 'NOBODY' },
  { url: '/api/v1/purchase-orders?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/item-suppliers?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/item-suppliers?supplier=NOBODY', field: 'supplier', value: 'NOBODY' },
  { url: '/api/v1/subscriptions?sku=NOPE', field: 'sku', value: 'NOPE' },
  { url: '/api/v1/webhooks/deliveries?endpointId=999', field: 'endpointId', value: '999' },
  { url: '/api/v1/webhooks/dead-letters?endpointId=999', field: 'endpointId', value: '999' },
  { url: '/api/v1/items/WIDGET/demand?location=NOWHERE', field: 'location', value: 'NOWHERE' },
];

describe('a query-string name that names nothing (SQLite)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi('sqlite');
    await seedCatalogue(api);
    json(await api.call('admin', { method: 'POST', url: '/api/v1/suppliers', payload: { code: 'ACME', name: 'Acme', email: 'orders@acme.example', leadTimeDays: 5 } }), 201);
  });

  afterAll(async () => {
    await api.close();
  });

  it('is bad input naming the parameter and the value, on every list and report', async () => {
    const answers = [];
    for (const { url, field, value } of FILTERED_BY_NAME) {
      const response = await api.call('admin', { url });
      const error = response.statusCode >= 400 ? response.json<{ error: { code: string; message: string; details: { field?: string } | null } }>().error : null;
      answers.push({ url, status: response.statusCode, code: error?.code, field: error?.details?.field?.replace(/\[\d+\]$/, ''), named: error?.message.includes(value) ?? false });
    }
    expect(answers).toEqual(FILTERED_BY_NAME.map(({ url, field }) => ({ url, status: 400, code: 'VALIDATION_FAILED', field, named: true })));
  });

  it('is still NOT_FOUND when the name is the record the path is about', async () => {
    expect((await api.call('admin', { url: '/api/v1/items/NOPE' })).statusCode).toBe(404);
    expect((await api.call('admin', { url: '/api/v1/suppliers/NOBODY/scorecard' })).statusCode).toBe(404);
    expect((await api.call('admin', { url: '/api/v1/replenishment/NOPE' })).statusCode).toBe(404);
  });
});
