import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOptions } from '../src/storage/open-store.js';
import { freshPostgresSchema, POSTGRES_URL } from './postgres-schema.js';

export type BenchDialect = 'sqlite' | 'postgres';

/**
 * Runs `measure` on a fresh SQLite file, then on a throw-away PostgreSQL schema, and removes both
 * afterwards; `postgres` adds store options for PostgreSQL only.
 */
export async function onBothDialects(
  name: string,
  measure: (dialect: BenchDialect, options: StoreOptions) => Promise<void>,
  postgres: Partial<StoreOptions> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `restock-bench-${name}-`));
  try {
    await measure('sqlite', { sqlitePath: join(dir, `${name}.db`) });
    const schema = await freshPostgresSchema();
    try {
      await measure('postgres', { databaseUrl: POSTGRES_URL, schema: schema.name, ...postgres });
    } finally {
      await schema.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
