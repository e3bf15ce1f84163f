import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/app/ports.js';
import type { SubscriptionPolicy } from '../../src/app/communication/subscription-policy.js';
import { openStore } from '../../src/storage/open-store.js';
import { createPrivateFile } from '../../src/storage/private-files.js';

export type DialectName = 'sqlite' | 'postgres';

export const POSTGRES_URL = process.env['RESTOCK_TEST_POSTGRES_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

/** Dialects under test: RESTOCK_TEST_DIALECTS=sqlite,postgres (default both), as Kysely's own suite does. */
export const DIALECTS: readonly DialectName[] = (process.env['RESTOCK_TEST_DIALECTS'] ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');

export interface TestDatabase {
  readonly dialect: DialectName;
  /** How to reach the same database from another process. */
  readonly env: Record<string, string>;
  readonly sqlitePath?: string;
  readonly databaseUrl?: string;
  readonly schema?: string;
  open(options?: { poolSize?: number; clock?: () => Date; subscriptionPolicy?: SubscriptionPolicy }): Promise<Store>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database: a new, empty SQLite file, or a new PostgreSQL schema. When PostgreSQL is not
 * reachable the test fails under CI=true (a missing part must never pass silently).
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'restock-test-'));
    const sqlitePath = join(dir, 'restock.db');
    // A database that is there, if empty (as a PostgreSQL schema is): only a few commands may make one.
    createPrivateFile(sqlitePath);
    return {
      dialect,
      sqlitePath,
      env: { RESTOCK_SQLITE_PATH: sqlitePath },
      open: (options) => openStore({ sqlitePath, clock: options?.clock, subscriptionPolicy: options?.subscriptionPolicy }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const databaseUrl = `${POSTGRES_URL}?options=-c%20search_path%3D${schema}`;
  return {
    dialect,
    databaseUrl,
    schema,
    env: { DATABASE_URL: databaseUrl },
    open: (options) => openStore({ databaseUrl: POSTGRES_URL, schema, poolSize: options?.poolSize, clock: options?.clock, subscriptionPolicy: options?.subscriptionPolicy }),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
