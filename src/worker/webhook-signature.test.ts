import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook signatures', () => {
  const body = '{"id":"1","type":"order.placed"}';

  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', 'secret').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('secret', 1700000000, body)).toBe(`v1=${expected}`);
  });

  it('verifies with the right secret, body and a fresh timestamp only', () => {
    const signature = signWebhook('secret', 1700000000, body);
    const now = 1700000100;
    expect(verifyWebhook('secret', { signature, timestamp: '1700000000' }, body, 300, now)).toBe(true);
    expect(verifyWebhook('other', { signature, timestamp: '1700000000' }, body, 300, now)).toBe(false);
    expect(verifyWebhook('secret', { signature, timestamp: '1700000000' }, `${body} `, 300, now)).toBe(false);
    expect(verifyWebhook('secret', { signature, timestamp: '1700000001' }, body, 300, now)).toBe(false);
    expect(verifyWebhook('secret', { signature, timestamp: '1700000000' }, body, 300, now + 1000)).toBe(false);
  });
});
