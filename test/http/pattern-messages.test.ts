import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startApi, type ApiHarness } from './support.js';

/** A value that does not match a schema's pattern is refused in words, never with the regular expression. */
describe('pattern failures over HTTP', () => {
  let api: ApiHarness;
  const refusal = async (url: string, payload: object) => expectError(await api.call('admin', { method: 'POST', url, payload }), 400, 'VALIDATION_FAILED');

  beforeAll(async () => {
    api = await startApi('sqlite');
  });

  afterAll(async () => {
    await api.close();
  });

  it('says what a known pattern asks for: an e-mail address, a sku', async () => {
    expect(await refusal('/api/v1/orders', { customer: { email: 'ann@localhost' }, lines: [{ sku: 'WIDGET', quantity: 1 }] })).toMatchObject({
      message: 'customer.email: must be an e-mail address, such as name@example.com',
      details: { field: 'customer.email' },
    });
    expect((await refusal('/api/v1/orders', { lines: [{ sku: 'WIDGET!', quantity: 1 }] })).message).toBe('lines[0].sku: must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"');
  });

  it('says another pattern by its schema\'s description', async () => {
    const error = await refusal('/api/v1/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1, expectedOn: '1/3/2026' }] });
    expect(error).toMatchObject({ message: 'lines[0].expectedOn: must be YYYY-MM-DD (a real calendar date)', details: { field: 'lines[0].expectedOn' } });
  });
});
