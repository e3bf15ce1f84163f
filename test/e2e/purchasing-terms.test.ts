import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchBrowser, openPage, signIn, type WatchedPage } from './support/browser.js';
import { startRestock, type RestockServer } from './support/restock-server.js';

const WAIT = { timeout: 15_000 };

interface PoBody { id: number; lines: { id: number; sku: string; quantity: number }[] }

/**
 * The purchasing page in real headless Chromium: the list shows each order's supplier-terms
 * warnings from its first load (they came only with the answer to an action), and a line change
 * goes out naming its line lineId, as receipts do.
 */
describe.skipIf(SKIP_BROWSER)('purchase orders on the dashboard', () => {
  let server: RestockServer;
  let browser: Browser;
  let current: WatchedPage | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startRestock(), launchBrowser()]);
    expect((await server.api('POST', '/suppliers', { code: 'E2E-TERMS', name: 'Terms Ltd', leadTimeDays: 7 })).status).toBe(201);
    for (const sku of ['E2E-T1', 'E2E-T2']) expect((await server.api('POST', '/items', { sku, name: `Item ${sku}`, unitCost: 500 })).status).toBe(201);
    expect((await server.api('POST', '/suppliers/E2E-TERMS/items', { sku: 'E2E-T1', unitCost: 450, moq: 10, packSize: 5 })).status).toBe(201);
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

  it('lists a draft with the lines that break its supplier\'s terms, and saves a line change', async () => {
    const draft = await server.api<PoBody>('POST', '/purchase-orders', { supplier: 'E2E-TERMS', lines: [{ sku: 'E2E-T1', quantity: 7 }, { sku: 'E2E-T2', quantity: 1 }] });
    expect(draft.status).toBe(201);
    current = await openPage(browser);
    const { page } = current;
    await signIn(page, server.url, server.adminKey);
    await page.goto(`${server.url}/#/purchasing`);
    // Drafts open with their card in the list: its warnings are there before anything is done.
    const card = page.locator(`[data-po="${draft.body.id}"]`);
    const warnings = card.getByTestId('terms-warnings');
    await expect.poll(() => warnings.textContent(), WAIT).toContain('E2E-T1: 7 is below E2E-TERMS\'s minimum order of 10');
    const text = await warnings.textContent();
    expect(text).toContain('E2E-T1: 7 is not a whole number of packs of 5 (5 or 10)');
    expect(text).toContain('E2E-T2: E2E-TERMS has no terms for this item');
    await current.screenshot('purchasing-terms-on-first-load');

    const lines = page.getByRole('form', { name: `Lines of PO ${draft.body.id}` });
    await lines.getByLabel('Line 1 E2E-T1: units ordered').fill('10');
    const patched = page.waitForRequest((request) => request.method() === 'PATCH' && request.url().endsWith(`/purchase-orders/${draft.body.id}`));
    await lines.getByRole('button', { name: 'Save changes' }).click();
    expect((await patched).postDataJSON()).toEqual({ lines: [{ lineId: draft.body.lines[0]?.id, quantity: 10 }] });
    await expect.poll(async () => (await server.api<PoBody>('GET', `/purchase-orders/${draft.body.id}`)).body.lines[0]?.quantity, WAIT).toBe(10);
    await expect.poll(() => warnings.textContent(), WAIT).not.toContain('E2E-T1');
  });
});
