import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { seedCatalogue, seededRandom, threeSkus } from './seed-catalogue.js';
import { serve } from './serve-process.js';

const SKUS = QUICK ? 1_000 : 10_000;
const SECONDS = QUICK ? 3 : 15;
const CONNECTIONS = 50;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef0123456789abcdef';

/**
 * POST /api/v1/orders (3 lines over SKUS items) against `restock serve` on embedded SQLite, 50
 * connections on loopback. Baseline: an authenticated GET of the same server that reads one row.
 */
const dir = mkdtempSync(join(tmpdir(), 'restock-bench-'));
try {
  const sqlitePath = join(dir, 'http.db');
  const store = await openStore({ sqlitePath });
  const skus = await seedCatalogue(store, SKUS, 10_000_000);
  await store.close();
  const server = await serve({ RESTOCK_SQLITE_PATH: sqlitePath, RESTOCK_ADMIN_KEY: ADMIN_KEY, RESTOCK_RATE_LIMIT: 'off' });
  try {
    const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
    const baseline = await autocannon({ url: `${server.url}/api/v1/locations`, connections: CONNECTIONS, duration: SECONDS, headers });
    const random = seededRandom(7);
    const orders = await autocannon({
      url: `${server.url}/api/v1/orders`,
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'POST',
      headers,
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ lines: threeSkus(skus, random).map((sku) => ({ sku, quantity: 1 })) }) }) }],
    });
    const accepted = orders['2xx'] / SECONDS;
    const baselineRate = baseline['2xx'] / SECONDS;
    const rss = server.peakRssMiB();
    report({
      name: 'place-http',
      value: Math.round(accepted),
      unit: 'orders/s',
      baseline: Math.round(baselineRate),
      ratio: Number((accepted / baselineRate).toFixed(3)),
      params: { skus: SKUS, seconds: SECONDS, connections: CONNECTIONS, linesPerOrder: 3, quick: QUICK },
      goal: '≥ 5000 orders/s, p99 < 50 ms, ratio ≥ 0.35, peak RSS < 250 MB',
      met: accepted >= 5000 && orders.latency.p99 < 50 && accepted / baselineRate >= 0.35 && rss < 250,
      extra: { p50Ms: orders.latency.p50, p99Ms: orders.latency.p99, non2xx: orders.non2xx, errors: orders.errors, baselineP99Ms: baseline.latency.p99, peakRssMiB: rss },
    });
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
