import { describe, expect, it } from 'vitest';
import { storeOptionsFromEnv } from './config.js';

describe('storeOptionsFromEnv', () => {
  it('carries the back-in-stock policy the stock changes of this process tell subscribers by', () => {
    expect(storeOptionsFromEnv({})).toMatchObject({ ok: true, value: { subscriptionPolicy: { allowOnBackorder: false, notifyAll: false } } });
    expect(storeOptionsFromEnv({ RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL: '1' })).toMatchObject({ ok: true, value: { subscriptionPolicy: { allowOnBackorder: false, notifyAll: true } } });
  });

  it('reads each database setting by its rule, unset or empty ones as the defaults', () => {
    const env = {
      DATABASE_URL: '', RESTOCK_SQLITE_PATH: 'shop.db', RESTOCK_SQLITE_SYNCHRONOUS: 'full', RESTOCK_PG_POOL_SIZE: ' 20 ',
      RESTOCK_SQLITE_BUSY_TIMEOUT_MS: '1500', RESTOCK_PG_CONNECT_TIMEOUT_MS: '0',
    };
    expect(storeOptionsFromEnv(env)).toMatchObject({
      ok: true,
      value: { databaseUrl: undefined, sqlitePath: 'shop.db', sqliteSynchronous: 'FULL', poolSize: 20, sqliteBusyTimeoutMs: 1500, pgConnectTimeoutMs: 0, pgStatementTimeoutMs: undefined },
    });
  });

  it('refuses a value its rule does not take, naming the variable, instead of using the default', () => {
    for (const [name, value] of [
      ['RESTOCK_SQLITE_SYNCHRONOUS', 'FUL'], ['RESTOCK_PG_POOL_SIZE', 'abc'], ['RESTOCK_PG_POOL_SIZE', '0'],
      ['RESTOCK_SQLITE_BUSY_TIMEOUT_MS', '5s'], ['RESTOCK_PG_CONNECT_TIMEOUT_MS', '1.5'], ['RESTOCK_PG_STATEMENT_TIMEOUT_MS', '-1'],
    ] as const) {
      expect(storeOptionsFromEnv({ [name]: value }), `${name}=${value}`).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: expect.stringMatching(new RegExp(`^${name}: must be `)), details: { field: name } });
    }
  });
});
