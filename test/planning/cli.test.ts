import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlanning } from '../../src/app/planning/run-planning.js';
import { cliDatabase, restock, spawnRestock } from '../cli/support/cli.js';
import { dayBefore, syntheticDemand } from './planning-fixtures.js';

/** The planning commands as a user runs them (SPEC §7, §9): import demand, forecast, plan, draft, simulate. */
describe('restock import demand, forecast, plan and simulate (SQLite)', { timeout: 300_000 }, () => {
  const cli = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main warehouse'],
    ['items', 'create', 'KETTLE', '--name', 'Kettle', '--backorder-policy', 'allow', '--unit-cost', '1500'],
    ['items', 'create', 'TOASTER', '--name', 'Toaster'],
    ['suppliers', 'create', 'ACME', '--name', 'Acme', '--lead-time-days', '14'],
    ['suppliers', 'link', 'ACME', 'KETTLE', '--preferred', '--pack-size', '6'],
  ]);
  const { run } = cli;
  const folder = mkdtempSync(join(tmpdir(), 'restock-planning-cli-'));
  const today = new Date().toISOString().slice(0, 10);
  const history = () => {
    // Two years of daily demand of about 3 kettles a day, ending yesterday.
    const days = syntheticDemand(728, 3, 5);
    return ['sku,date,quantity', ...days.map((quantity, i) => `KETTLE,${dayBefore(today, days.length - i)},${quantity}`)].join('\n');
  };

  it('imports history all or nothing, naming bad lines; with --skip-invalid imports the rest and says how many', async () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, `sku,date,quantity\nKETTLE,2025-02-30,1\nNOPE,2025-03-01,1\nKETTLE,2025-03-02,-4\nKETTLE,2025-03-03,2\n`);
    const refused = await run('import', 'demand', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2.*date/s);
    expect(refused.stderr).toMatch(/line 3.*sku/s);
    expect(refused.stderr).toMatch(/line 4.*quantity/s);
    const shown = await run('--json', 'demand', 'KETTLE', '--from', '2025-03-01', '--to', '2025-03-05');
    expect(shown.json<{ totals: { imported: number } }>().totals.imported).toBe(0);
    const skipped = await run('demand', 'import', bad, '--skip-invalid');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(new RegExp(`^imported 1 of 4 rows from ${bad}: 1 days added`));
    const good = join(folder, 'history.csv');
    writeFileSync(good, history());
    const imported = await run('--json', 'import', 'demand', good);
    expect(imported.code).toBe(0);
    expect(imported.json<{ rows: number; skipped: unknown[] }>()).toMatchObject({ rows: 728, skipped: [] });
  });

  it('forecasts an item week by week, and refuses a bad horizon naming it', async () => {
    const forecast = await run('--json', 'forecast', 'KETTLE', '--refresh');
    expect(forecast.code).toBe(0);
    const view = forecast.json<{ sku: string; stepDays: number; steps: { mean: number }[] }>();
    expect(view).toMatchObject({ sku: 'KETTLE', stepDays: 7 });
    expect(view.steps).toHaveLength(13);
    expect(view.steps[0]?.mean).toBeGreaterThan(14);
    expect(view.steps[0]?.mean).toBeLessThan(28);
    expect((await run('--json', 'forecast', 'KETTLE', '--horizon', '14')).json<{ steps: unknown[] }>().steps).toHaveLength(2);
    const refused = await run('forecast', 'KETTLE', '--horizon', 'abc');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: horizonDays: /) });
  });

  it("back-tests a forecast over the lead time plus the shop's RESTOCK_PLAN_REVIEW_DAYS, as the API does", async () => {
    type Backtested = { backtest: { protectionDays: number } };
    expect((await run('--json', 'forecast', 'KETTLE', '--refresh')).json<Backtested>().backtest.protectionDays).toBe(14 + 7);
    const shop = { ...cli.database.env, RESTOCK_PLAN_REVIEW_DAYS: '28' };
    expect((await restock(shop, '--json', 'forecast', '--all')).code).toBe(0);
    expect((await run('--json', 'forecast', 'KETTLE')).json<Backtested>().backtest.protectionDays).toBe(14 + 28);
    expect((await run('--json', 'forecast', 'KETTLE', '--refresh')).json<Backtested>().backtest.protectionDays).toBe(14 + 7);
    expect((await restock(shop, '--json', 'forecast', 'KETTLE', '--refresh')).json<Backtested>().backtest.protectionDays).toBe(14 + 28);
    const refused = await restock({ ...cli.database.env, RESTOCK_PLAN_REVIEW_DAYS: '0' }, 'forecast', 'KETTLE');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: RESTOCK_PLAN_REVIEW_DAYS: /) });
  });

  it('plans what to order, explains one item, takes .95 as a service level, and drafts a purchase order in packs', async () => {
    const all = await run('--json', 'plan', '--service-level', '.95');
    expect(all.code).toBe(0);
    const list = all.json<{ items: { sku: string; suggestedQuantity: number }[]; withoutForecast: number }>();
    expect(list.items.map((i) => i.sku)).toEqual(['KETTLE']);
    const everything = await run('plan', '--all');
    expect(everything.stdout).toMatch(/^2 items planned \(1 of those listed have something to order\)/);
    const firstPage = await run('plan', '--all', '--limit', '1');
    const more = /\n\nmore: --cursor (\S+)\n?$/.exec(firstPage.stdout);
    expect(more).not.toBeNull();
    const secondPage = (await run('--json', 'plan', '--all', '--limit', '1', '--cursor', more?.[1] as string)).json<{ items: { sku: string }[]; nextCursor: string | null }>();
    const bothPages = [/^(KETTLE|TOASTER) /m.exec(firstPage.stdout)?.[1], ...secondPage.items.map((i) => i.sku)];
    expect(bothPages).toEqual((await run('--json', 'plan', '--all')).json<{ items: { sku: string }[] }>().items.map((i) => i.sku));
    expect(secondPage.nextCursor).toBeNull();
    const one = await run('plan', 'KETTLE');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Order-up-to level S = \d+/);
    const drafted = await run('--json', 'plan', '--draft', 'KETTLE');
    expect(drafted.code).toBe(0);
    const drafts = drafted.json<{ items: { supplier: string; lines: { sku: string; quantity: number }[] }[]; withoutForecast: number }>();
    expect(drafts.items).toHaveLength(1);
    expect(drafts.items[0]).toMatchObject({ supplier: 'ACME', lines: [{ sku: 'KETTLE' }] });
    expect((drafts.items[0]?.lines[0]?.quantity ?? 0) % 6).toBe(0);
    const again = await run('plan', '--draft');
    expect(again.stdout).toMatch(/KETTLE .*already on draft purchase orders cover it: send them/);
    const refused = await run('plan', '--service-level', '1.5');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: serviceLevel: /) });
  });

  it('shows the latest planning runs with their settings and errors, and refuses nightly settings that are bad, naming the variable', async () => {
    expect((await run('plan', '--runs')).stdout).toMatch(/^no planning runs yet/);
    const store = await cli.database.open();
    try {
      const stopping = new AbortController();
      stopping.abort();
      await runPlanning(store, { trigger: 'manual', signal: stopping.signal });
    } finally {
      await store.close();
    }
    const shown = await run('plan', '--runs');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/manual +\d{4}-\d\d-\d\d +failed .*fill-rate 95\.0%, order-up-to every 7 days, quantiles/);
    expect(shown.stdout).toMatch(/run \d+ failed: .*shutting down/);
    const listed = (await run('--json', 'plan', '--runs', '--limit', '5')).json<{ items: { status: string; settings: { policy: string } }[] }>();
    expect(listed.items).toMatchObject([{ status: 'failed', settings: { policy: 'order-up-to' } }]);
    expect((await run('plan', '--runs', '--limit', '0')).stderr).toMatch(/^error VALIDATION_FAILED: limit: /);
    expect((await run('plan', '--runs', '--cursor', 'nope!')).stderr).toMatch(/^error VALIDATION_FAILED: cursor: /);
    expect((await run('plan', 'KETTLE', '--cursor', 'abc')).stderr).toMatch(/^error VALIDATION_FAILED: cursor: /);

    for (const command of ['worker', 'serve']) {
      const refused = await restock({ ...cli.database.env, RESTOCK_PLAN_SERVICE_LEVEL: '1.5', RESTOCK_LOG_LEVEL: 'silent' }, command, ...(command === 'serve' ? ['--port', '0'] : []));
      expect({ command, code: refused.code, stderr: refused.stderr }).toEqual({ command, code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: RESTOCK_PLAN_SERVICE_LEVEL: must be a number strictly between 0 and 1/) });
    }
  });

  it('pages through the planning runs with --limit and the --cursor each page prints', async () => {
    const store = await cli.database.open();
    try {
      const stopping = new AbortController();
      stopping.abort();
      for (let i = 0; i < 2; i += 1) await runPlanning(store, { trigger: 'manual', signal: stopping.signal });
    } finally {
      await store.close();
    }
    const all = (await run('--json', 'plan', '--runs')).json<{ items: { id: number }[]; nextCursor: string | null }>();
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.nextCursor).toBeNull();
    const ids: number[] = [];
    let cursor: string[] = [];
    for (let pages = 0; pages < all.items.length; pages += 1) {
      const shown = await run('plan', '--runs', '--limit', '1', ...cursor);
      expect(shown.code).toBe(0);
      ids.push(Number(/^ *(\d+) +manual/m.exec(shown.stdout)?.[1]));
      const more = /\n\nmore: --cursor (\S+)\n?$/.exec(shown.stdout);
      if (more === null) break;
      cursor = ['--cursor', more[1] as string];
    }
    expect(ids).toEqual(all.items.map((r) => r.id));
  });

  it('plans under the shop\'s RESTOCK_PLAN_* settings, as serve\'s API does, each option overriding its variable', async () => {
    const shop = { ...cli.database.env, RESTOCK_PLAN_POLICY: 'eoq', RESTOCK_PLAN_SERVICE_LEVEL: '0.99' };
    const planned = (await restock(shop, '--json', 'plan', '--all')).json<{ settings: { policy: string; service: { kind: string; target: number } }; items: { sku: string; policy: string }[] }>();
    expect(planned.settings).toMatchObject({ policy: 'eoq', service: { kind: 'fill-rate', target: 0.99 } });
    expect(planned.items.map((i) => i.policy)).toEqual(planned.items.map(() => 'eoq'));
    expect((await restock(shop, '--json', 'plan', 'KETTLE')).json()).toMatchObject({ policy: 'eoq', service: { target: 0.99 } });
    expect((await restock(shop, '--json', 'plan', '--all', '--policy', 'min-max')).json()).toMatchObject({ settings: { policy: 'min-max', service: { target: 0.99 } } });
    const refused = await restock({ ...cli.database.env, RESTOCK_PLAN_POLICY: 'magic' }, 'plan');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: RESTOCK_PLAN_POLICY: /) });

    const adminKey = 'a-shop-admin-key-of-at-least-32-characters';
    const server = spawnRestock({ ...shop, RESTOCK_ADMIN_KEY: adminKey, RESTOCK_LOG_LEVEL: 'silent' }, ['--json', 'serve', '--port', '0', '--no-worker']);
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const deadline = Date.now() + 120_000;
      while (!output.includes('}') && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      const { api } = JSON.parse(output) as { api: string };
      const listed = await fetch(`${api}/replenishment?all=true`, { headers: { authorization: `Bearer ${adminKey}` } });
      expect(((await listed.json()) as { settings: unknown }).settings).toEqual(planned.settings);
    } finally {
      server.kill('SIGTERM');
    }
    await once(server, 'exit');
  });

  it('simulates the item\'s own plan against another policy on its history', async () => {
    const simulated = await run('--json', 'simulate', '--sku', 'KETTLE', '--policy', 'current', 'R-S:7:80');
    expect(simulated.code).toBe(0);
    const view = simulated.json<{ results: { fillRate: number }[] }>();
    expect(view.results).toHaveLength(2);
    for (const result of view.results) expect(result.fillRate).toBeGreaterThan(0.5);
    const extra = await run('simulate', '--sku', 'KETTLE', '--policy', 's-Q:1:2:3');
    expect({ code: extra.code, stderr: extra.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: policy: s-Q:1:2:3: s-Q takes 2 values (reorderPoint, orderQuantity)\n' });
  });
});
