import autocannon from 'autocannon';
import { sql } from 'kysely';
import { checkInvariants } from '../src/app/check-invariants.js';
import { openStore } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { freshPostgresSchema, POSTGRES_URL } from './postgres-schema.js';
import { seedCatalogue } from './seed-catalogue.js';
import { serve, type ServedProcess } from './serve-process.js';

const SECONDS = QUICK ? 3 : 15;
const BUYERS = 50;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef0123456789abcdef';

/**
 * 50 concurrent buyers of ONE sku through `processes` API processes over one PostgreSQL database,
 * each order 1 unit with shortage=in_stock_only. Afterwards the ledger must show exactly as many
 * allocated units as accepted orders and no invariant broken (zero oversell).
 */
async function run(processes: number, stock: number): Promise<{ accepted: number; rejected: number; p99: number }> {
  const schema = await freshPostgresSchema();
  try {
    const store = await openStore({ databaseUrl: POSTGRES_URL, schema: schema.name });
    await seedCatalogue(store, 1, stock);
    const servers: ServedProcess[] = [];
    for (let i = 0; i < processes; i += 1) {
      servers.push(await serve({ DATABASE_URL: schema.url, RESTOCK_ADMIN_KEY: ADMIN_KEY, RESTOCK_RATE_LIMIT: 'off', RESTOCK_PG_POOL_SIZE: '20' }));
    }
    try {
      const body = JSON.stringify({ shortage: 'in_stock_only', lines: [{ sku: 'SKU-000000', quantity: 1 }] });
      const results = await Promise.all(servers.map((server) =>
        autocannon({
          url: `${server.url}/api/v1/orders`,
          connections: Math.ceil(BUYERS / processes),
          duration: SECONDS,
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
          body,
        }),
      ));
      await Promise.all(servers.map((server) => server.stop()));
      servers.length = 0;
      const accepted = results.reduce((sum, r) => sum + r['2xx'], 0);
      const rejected = results.reduce((sum, r) => sum + r.non2xx, 0);
      // The servers are stopped first (finishing what was in flight); requests in flight when the
      // load generator stopped may have committed uncounted, so the ledger is compared with the
      // orders the database accepted, not with the responses.
      const [{ allocated }] = (await sql<{ allocated: number }>`select cast(coalesce(sum(allocated), 0) as integer) as allocated from stock_levels`.execute(store.db)).rows as [{ allocated: number }];
      const [{ placed }] = (await sql<{ placed: number }>`select cast(count(*) as integer) as placed from orders where status <> 'rejected'`.execute(store.db)).rows as [{ placed: number }];
      const violations = await checkInvariants(store);
      if (allocated !== placed || placed < accepted || allocated > stock || violations.length > 0) {
        throw new Error(`oversell check failed: ${accepted} acknowledged, ${placed} accepted orders, ${allocated} allocated of ${stock}, ${violations.length} violations`);
      }
      await store.close();
      return { accepted: accepted / SECONDS, rejected, p99: Math.max(...results.map((r) => r.latency.p99)) };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    await schema.drop();
  }
}

const stock = 1_000_000;
const one = await run(1, stock);
const two = await run(2, stock);
report({
  name: 'hot-sku-postgres',
  value: Math.round(two.accepted),
  unit: 'accepted placements/s',
  baseline: Math.round(one.accepted),
  ratio: Number((two.accepted / one.accepted).toFixed(3)),
  params: { buyers: BUYERS, processes: 2, seconds: SECONDS, quick: QUICK, baselineIs: 'the same load through 1 API process' },
  goal: '≥ 1500 accepted placements/s, zero oversell',
  met: two.accepted >= 1500,
  extra: { p99MsTwoProcesses: two.p99, p99MsOneProcess: one.p99, oversell: 0 },
});
