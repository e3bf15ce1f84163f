import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchBrowser, openPage, signIn, type WatchedPage } from './support/browser.js';
import { startRestock, type RestockServer } from './support/restock-server.js';

/**
 * The simulation page in real headless Chromium: costs left blank are the planner's, and the
 * page says which were used instead of pricing every policy at 0.00.
 */
describe.skipIf(SKIP_BROWSER)('simulation costs on the dashboard', () => {
  let server: RestockServer;
  let browser: Browser;
  let current: WatchedPage | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startRestock(), launchBrowser()]);
    expect((await server.api('POST', '/items', { sku: 'E2E-SIM', name: 'Simulated', unitCost: 150, unitPrice: 299, leadTimeDays: 7 })).status).toBe(201);
    // Two months of past demand to replay (a new item has none).
    const days = Array.from({ length: 60 }, (_, i) => new Date(Date.now() - (60 - i) * 86_400_000).toISOString().slice(0, 10));
    const imported = await fetch(`${server.url}/api/v1/demand/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'text/csv' },
      body: ['sku,date,quantity', ...days.map((day, i) => `E2E-SIM,${day},${i % 3}`)].join('\n'),
    });
    expect(imported.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    const problems = current?.problems ?? [];
    current = null;
    expect(problems).toEqual([]);
  });

  it("prices policies with the planner's costs when none are typed, and says so", async () => {
    current = await openPage(browser);
    const { page } = current;
    await signIn(page, server.url, server.adminKey);
    await page.goto(`${server.url}/#/simulation`);
    await page.getByLabel('Item sku').fill('E2E-SIM');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const costs = page.getByTestId('simulation-costs');
    await costs.waitFor({ timeout: 15_000 });
    expect(await costs.textContent()).toMatch(/^Priced with ordering 50\.00 per order: the planning settings' orderingCost; holding 0\.001027 per unit-day: 25% a year \(holdingRate\) of the unit cost 1\.50;/);
    const total = page.locator('[data-testid="simulation-results"] tr', { hasText: 'Total cost' });
    expect(await total.textContent()).not.toMatch(/0\.00.*0\.00/);
    await current.screenshot('simulation-costs');
  });
});
