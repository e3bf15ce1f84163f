import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env['RESTOCK_BENCH_POSTGRES_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

/** A throw-away PostgreSQL schema, so a benchmark never touches real data. */
export async function freshPostgresSchema(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await run(`create schema ${name}`);
  return {
    name,
    url: `${POSTGRES_URL}?options=-c%20search_path%3D${name}`,
    drop: () => run(`drop schema ${name} cascade`),
  };
}

async function run(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
