import { subscriptionPolicyOf } from './app/communication/communication-settings.js';
import type { Result } from './app/result.js';
import { MAX_TIMER_MS, MILLISECONDS, readSettings, type Environment } from './app/settings-reader.js';
import { PG_CLIENT_GRACE_MS, type StoreOptions } from './storage/open-store.js';

/**
 * Where the service keeps its data, from the environment (DATABASE_URL selects PostgreSQL); a value
 * its rule does not take is a VALIDATION_FAILED naming the variable, before any database is opened.
 */
export function storeOptionsFromEnv(env: Environment = process.env): Result<StoreOptions> {
  return readSettings(env, (setting) => ({
    databaseUrl: setting.text('DATABASE_URL'),
    sqlitePath: setting.text('RESTOCK_SQLITE_PATH'),
    sqliteSynchronous: setting.choice('RESTOCK_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL', 'OFF']),
    poolSize: setting.wholeNumber('RESTOCK_PG_POOL_SIZE', { min: 1 }),
    sqliteBusyTimeoutMs: setting.wholeNumber('RESTOCK_SQLITE_BUSY_TIMEOUT_MS', MILLISECONDS),
    pgConnectTimeoutMs: setting.wholeNumber('RESTOCK_PG_CONNECT_TIMEOUT_MS', MILLISECONDS),
    // The client waits 2 s longer than the server (query_timeout), and that must still fit a timer.
    pgStatementTimeoutMs: setting.wholeNumber('RESTOCK_PG_STATEMENT_TIMEOUT_MS', { ...MILLISECONDS, max: MAX_TIMER_MS - PG_CLIENT_GRACE_MS }),
    subscriptionPolicy: subscriptionPolicyOf(setting),
  }));
}
