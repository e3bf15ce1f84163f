import { communicationSettingsFromEnv } from './app/communication/communication-settings.js';
import type { StoreOptions } from './storage/open-store.js';

/** Where the service keeps its data, from the environment (DATABASE_URL selects PostgreSQL). */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const synchronous = env['RESTOCK_SQLITE_SYNCHRONOUS']?.toUpperCase();
  return {
    databaseUrl: env['DATABASE_URL'] || undefined,
    sqlitePath: env['RESTOCK_SQLITE_PATH'] || undefined,
    sqliteSynchronous: synchronous === 'FULL' || synchronous === 'NORMAL' || synchronous === 'OFF' ? synchronous : undefined,
    poolSize: env['RESTOCK_PG_POOL_SIZE'] ? Number(env['RESTOCK_PG_POOL_SIZE']) : undefined,
    sqliteBusyTimeoutMs: milliseconds(env['RESTOCK_SQLITE_BUSY_TIMEOUT_MS']),
    pgConnectTimeoutMs: milliseconds(env['RESTOCK_PG_CONNECT_TIMEOUT_MS']),
    pgStatementTimeoutMs: milliseconds(env['RESTOCK_PG_STATEMENT_TIMEOUT_MS']),
    subscriptionPolicy: communicationSettingsFromEnv(env).subscriptions,
  };
}

/** A whole number of milliseconds from the environment; anything else means "use the default". */
function milliseconds(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
