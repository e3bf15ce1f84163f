import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { expectError, startApi, type ApiHarness } from '../http/support.js';

/**
 * Failed authentications (src/http/failed-authentications.ts) and requests without a key
 * (src/http/plugins/rate-limit.ts) are counted per client network (src/http/client-network.ts): an IPv6
 * client by its /64, the block one end site is given, so a key guesser cannot earn fresh tries by
 * moving to the next of its 2^64 addresses; an IPv4 client seen through a dual-stack socket
 * (::ffff:a.b.c.d) is that IPv4 address.
 */
describe('limits on IPv6 clients', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi('sqlite');
  });

  afterAll(async () => {
    await api.close();
  });

  it('hold back a whole /64 once its addresses together reach the limit, and no other network', async () => {
    const limited = await buildApp({ store: api.store, rateLimit: { max: 1000, timeWindowMs: 60_000, failedAuthentications: 4 } });
    const guess = (i: number) => `rk_${String(i).padStart(43, 'x')}`;
    const from = (remoteAddress: string, key: string) =>
      limited.inject({ url: '/api/v1/locations', remoteAddress, headers: { authorization: `Bearer ${key}` } });
    try {
      for (let i = 0; i < 4; i += 1) expectError(await from(`2001:db8:aa:1::${i + 1}`, guess(i)), 401, 'UNAUTHORIZED');
      // A fifth address of the same /64, even with a good key: held back before any lookup.
      expectError(await from('2001:db8:aa:1:dead:beef:0:5', api.keys.viewer), 429, 'RATE_LIMITED');
      expect((await from('2001:db8:aa:2::1', api.keys.viewer)).statusCode).toBe(200);

      for (let i = 0; i < 4; i += 1) expectError(await from('::ffff:192.0.2.44', guess(10 + i)), 401, 'UNAUTHORIZED');
      expectError(await from('192.0.2.44', guess(20)), 429, 'RATE_LIMITED');
      expect((await from('192.0.2.45', api.keys.viewer)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('count requests without a key per /64 too, so moving across addresses earns no fresh ones', async () => {
    const limited = await buildApp({ store: api.store, rateLimit: { max: 3, timeWindowMs: 60_000 } });
    const from = (remoteAddress: string) => limited.inject({ url: '/api/v1/openapi.json', remoteAddress });
    try {
      for (let i = 0; i < 3; i += 1) expect((await from(`2001:db8:bb:1::${i + 1}`)).statusCode).toBe(200);
      expectError(await from('2001:db8:bb:1:ffff::9'), 429, 'RATE_LIMITED');
      expect((await from('2001:db8:bb:2::1')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
