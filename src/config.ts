import type { StoreOptions } from './storage/open-store.js';

/** Where the service keeps its data, from the environment (DATABASE_URL selects PostgreSQL). */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const synchronous = env['RESTOCK_SQLITE_SYNCHRONOUS']?.toUpperCase();
  return {
    databaseUrl: env['DATABASE_URL'] || undefined,
    sqlitePath: env['RESTOCK_SQLITE_PATH'] || undefined,
    sqliteSynchronous: synchronous === 'FULL' || synchronous === 'NORMAL' || synchronous === 'OFF' ? synchronous : undefined,
    poolSize: env['RESTOCK_PG_POOL_SIZE'] ? Number(env['RESTOCK_PG_POOL_SIZE']) : undefined,
  };
}
