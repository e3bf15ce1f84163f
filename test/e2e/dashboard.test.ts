import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchBrowser, openPage, signIn, type WatchedPage } from './support/browser.js';
import { startRestock, type RestockServer } from './support/restock-server.js';

/** The page's globals these tests read (the test project has no DOM types). */
interface PageGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

/** Runs in the page: the computed background colour of an element. */
const BACKGROUND = (element: unknown) => (globalThis as unknown as PageGlobals).getComputedStyle(element).backgroundColor;

/** Runs in the page: whether an element has the keyboard focus. */
const FOCUSED = (element: unknown) => (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement === element;

/** How long a test waits for the page to show something (loads, polls and re-renders included). */
const WAIT = { timeout: 15_000 };

/**
 * A refused submit marks the control of the field it names, as assistive technology reads it:
 * aria-invalid, aria-describedby pointing at the error text, and the keyboard focus.
 */
async function expectMarkedInvalid(control: Locator, words: RegExp): Promise<void> {
  await expect.poll(() => control.getAttribute('aria-invalid'), WAIT).toBe('true');
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id !== '');
  const texts = await Promise.all(ids.map((id) => control.page().locator(`[id="${id}"]`).textContent()));
  expect(texts.join(' | ')).toMatch(words);
  await expect.poll(() => control.evaluate(FOCUSED), WAIT).toBe(true);
}

/**
 * The dashboard in real headless Chromium against a real `restock serve` over demo data. Every
 * test saves a screenshot under .tmp/screenshots/ and fails on any console error or page error.
 */
describe.skipIf(SKIP_BROWSER)('dashboard end to end', () => {
  let server: RestockServer;
  let browser: Browser;
  let current: WatchedPage | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startRestock(), launchBrowser()]);
    await server.api('POST', '/items', { sku: 'E2E-OOS', name: 'Discontinued lamp', backorderPolicy: 'deny', unitPrice: 1500 });
    await server.api('POST', '/items', { sku: 'E2E-BO', name: 'Popular kettle', backorderPolicy: 'allow', unitPrice: 2500, leadTimeDays: 10 });
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

  async function page(width = 1280, timezoneId?: string): Promise<WatchedPage> {
    current = await openPage(browser, width, timezoneId);
    return current;
  }

  /**
   * Holds the page's reads (GET) of one API path, as a slow network would, until `release()`,
   * which returns once the first held read was answered and the page had two frames to render it.
   */
  async function holdReads(watched: WatchedPage, path: string): Promise<{ release(): Promise<void> }> {
    const isRead = (url: URL) => url.pathname === `/api/v1${path}`;
    let open = () => {};
    const held = new Promise<void>((resolve) => { open = resolve; });
    await watched.page.route(isRead, async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.continue();
    });
    return {
      async release() {
        const answered = watched.page.waitForResponse((response) => isRead(new URL(response.url())) && response.request().method() === 'GET');
        open();
        await answered;
        await watched.page.unroute(isRead);
        await watched.page.evaluate(() => new Promise((resolve) => {
          const frames = globalThis as unknown as { requestAnimationFrame(next: () => void): void };
          frames.requestAnimationFrame(() => frames.requestAnimationFrame(() => resolve(null)));
        }));
      },
    };
  }

  it('refuses an unknown key in words, signs in with a good one, and signs out', async () => {
    const watched = await page();
    watched.allow(/status of 401/);
    await watched.page.goto(`${server.url}/`);
    await watched.page.getByLabel('API key').fill('rk_not_a_real_key_at_all');
    await watched.page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => watched.page.getByRole('alert').textContent(), WAIT).toContain('This key was not accepted');
    await expectMarkedInvalid(watched.page.getByLabel('API key'), /This key was not accepted/);
    await watched.screenshot('sign-in-refused');
    await watched.page.getByLabel('API key').fill(server.adminKey);
    await watched.page.keyboard.press('Enter');
    await watched.page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect.poll(() => watched.page.locator('[data-figure="fillRate"] .tile-value').textContent(), WAIT).toMatch(/%/);
    const locationRows = watched.page.locator('[data-testid="location-kpis"] tbody tr');
    await expect.poll(() => locationRows.count(), WAIT).toBeGreaterThan(0);
    expect(await locationRows.first().locator('td').nth(2).textContent()).toMatch(/%|—/);
    await watched.screenshot('overview');
    await watched.page.getByRole('button', { name: 'Sign out' }).click();
    await watched.page.getByLabel('API key').waitFor();
    expect(await watched.page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('shows every SPEC §8 figure overall and per item, for a chosen period, each with its definition', async () => {
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    const more = watched.page.getByTestId('more-kpis');
    await more.waitFor(WAIT);
    for (const figure of ['lineFillRate', 'orderFillRate', 'backorderRate', 'timeToFill', 'promisesKept', 'stockoutDuration', 'turnover', 'daysOfSupply']) {
      expect(await more.locator(`[data-figure="${figure}"]`).getAttribute('title'), figure).toBeTruthy();
    }
    const itemRows = watched.page.locator('[data-testid="item-kpis"] tbody tr');
    await expect.poll(() => itemRows.count(), WAIT).toBeGreaterThan(0);
    await watched.page.getByLabel('Period').selectOption('custom');
    await watched.page.getByLabel('From').fill('2026-01-01');
    await watched.page.getByLabel('To (included)').fill('2026-01-31');
    const api = await server.api<{ overall: { unitsRequested: number } }>('GET', '/kpis?from=2026-01-01&until=2026-02-01');
    await expect.poll(() => more.locator('[data-figure="turnover"]').textContent(), WAIT).toContain('2026-01-01 to 2026-01-31');
    await expect.poll(() => watched.page.locator('[data-figure="fillRate"]').textContent(), WAIT).toContain(`${api.body.overall.unitsRequested.toLocaleString('en-GB')} units ordered`);
    await watched.screenshot('overview-all-figures');
  });

  it('asks the server for only the item rows the Overview shows, sorted there', async () => {
    const watched = await page();
    const asked: URLSearchParams[] = [];
    watched.page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/kpis') asked.push(url.searchParams);
    });
    await signIn(watched.page, server.url, server.adminKey);
    const itemRows = watched.page.locator('[data-testid="item-kpis"] tbody tr');
    await expect.poll(() => itemRows.count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => asked.map((q) => q.get('itemSort')).sort(), WAIT).toEqual(['-unitsRequested', 'daysOfSupply']);
    // Never every item: the table's 50 most asked-for, and the soonest to run out with room for those already out.
    expect(asked.find((q) => q.get('itemSort') === '-unitsRequested')?.get('itemLimit')).toBe('50');
    expect(Number(asked.find((q) => q.get('itemSort') === 'daysOfSupply')?.get('itemLimit'))).toBeGreaterThanOrEqual(8);
    const all = await server.api<{ itemCount: number; items: { sku: string; unitsRequested: number }[] }>('GET', '/kpis?itemSort=-unitsRequested');
    await expect.poll(() => watched.page.getByText(`most asked-for of ${all.body.itemCount.toLocaleString('en-GB')} items`).count(), WAIT).toBe(1);
    expect(await itemRows.first().locator('td').first().locator('a').textContent()).toBe(all.body.items[0]?.sku);
  });

  it('cancels only what still waits in a bulk action, and says which orders it could not change', async () => {
    const sku = 'E2E-BULK';
    expect((await server.api('POST', '/items', { sku, name: 'Bulk lamp', backorderPolicy: 'allow', unitPrice: 900 })).status).toBe(201);
    const first = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'First' }, lines: [{ sku, quantity: 1 }] });
    const second = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Second' }, lines: [{ sku, quantity: 2 }] });
    const watched = await page();
    watched.acceptDialogs();
    watched.allow(/status of 409/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/backorders?sku=${sku}`);
    await watched.page.getByLabel(`Select order ${first.body.id}, ${sku}`).check();
    await watched.page.getByLabel(`Select order ${second.body.id}, ${sku}`).check();
    // Stock comes in while the rows are on screen: the first order's unit is allocated now.
    expect((await server.api('POST', '/stock/adjustments', { sku, location: 'MAIN', delta: 1, reason: 'receipt' })).status).toBe(201);
    await watched.page.getByRole('button', { name: 'Cancel waiting units' }).click();
    await expect.poll(() => watched.page.getByRole('alert').textContent(), WAIT).toContain(`1 of 2 done; not done: order #${first.body.id} (${sku})`);
    const kept = await server.api<{ lines: { allocated: number; cancelled: number }[] }>('GET', `/orders/${first.body.id}`);
    expect(kept.body.lines[0]).toMatchObject({ allocated: 1, cancelled: 0 });
    const cancelled = await server.api<{ status: string; lines: { cancelled: number }[] }>('GET', `/orders/${second.body.id}`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lines: [{ cancelled: 2 }] });
  });

  it('lists orders by status, opens one and ships part of its allocated units', async () => {
    const sku = 'E2E-SHIP';
    expect((await server.api('POST', '/items', { sku, name: 'Shipping crate', backorderPolicy: 'allow', unitPrice: 700 })).status).toBe(201);
    expect((await server.api('POST', '/stock/adjustments', { sku, location: 'MAIN', delta: 3, reason: 'receipt' })).status).toBe(201);
    const order = await server.api<{ id: number; status: string }>('POST', '/orders', { customer: { name: 'Cleo Crate' }, lines: [{ sku, quantity: 5 }] });
    expect(order.body.status).toBe('backordered');
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.getByRole('link', { name: 'Orders', exact: true }).click();
    await watched.page.getByLabel('With item (sku)').fill(sku);
    await watched.page.getByRole('button', { name: 'Show' }).click();
    await watched.page.getByLabel('Status').selectOption('shipped');
    await watched.page.getByText('No order matches these filters').waitFor(WAIT);
    await watched.page.getByLabel('Status').selectOption('backordered');
    await watched.page.getByRole('link', { name: `#${order.body.id}` }).click();
    const panel = watched.page.getByRole('region', { name: `Order #${order.body.id}` });
    const units = panel.getByLabel(new RegExp(`^${sku} \\(of \\d+ allocated\\)`));
    await panel.getByText(`${sku} (of 3 allocated)`).waitFor(WAIT);
    await expect.poll(() => units.inputValue(), WAIT).toBe('3');
    // Its two waiting units are the only ones of the item: first in the queue.
    await panel.getByTestId('queue-place').filter({ hasText: '#1 in the queue, 0 units ahead' }).waitFor(WAIT);
    await units.fill('4');
    await panel.getByRole('button', { name: 'Ship units' }).click();
    await panel.getByRole('alert').filter({ hasText: 'must be a whole number from 0 to 3' }).waitFor(WAIT);
    await units.fill('2');
    await panel.getByRole('button', { name: 'Ship units' }).click();
    await panel.getByText(`Shipped 2 units of order #${order.body.id}.`).waitFor(WAIT);
    const shipped = await server.api<{ status: string; lines: { allocated: number; shipped: number; backordered: number }[] }>('GET', `/orders/${order.body.id}`);
    expect(shipped.body).toMatchObject({ status: 'partially_shipped', lines: [{ allocated: 1, shipped: 2, backordered: 2 }] });
    // The list follows: the order is partially shipped now, and the form offers the one unit left.
    await panel.getByText(`${sku} (of 1 allocated)`).waitFor(WAIT);
    await expect.poll(() => units.inputValue(), WAIT).toBe('1');
    await watched.page.getByLabel('Status').selectOption('partially_shipped');
    await watched.page.getByRole('link', { name: `#${order.body.id}` }).waitFor(WAIT);
    await watched.screenshot('orders-shipped');
    // Another order opens on its own: the previous one's message does not follow it.
    const other = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Dora Next' }, lines: [{ sku, quantity: 1 }] });
    await watched.page.getByLabel('Status').selectOption('');
    await watched.page.getByRole('link', { name: `#${order.body.id}` }).click();
    await panel.getByRole('button', { name: 'Ship units' }).click();
    await panel.getByText(`Shipped 1 unit of order #${order.body.id}.`).waitFor(WAIT);
    await watched.page.getByRole('link', { name: `#${other.body.id}` }).click();
    const second = watched.page.getByRole('region', { name: `Order #${other.body.id}` });
    await second.getByText('Dora Next').waitFor(WAIT);
    expect(await second.getByText(/Shipped \d+ units/).count()).toBe(0);
    // An emptied priority box is refused in words, not saved as 0.
    await second.getByLabel(`Priority of order ${other.body.id}`, { exact: true }).fill('');
    await second.getByRole('button', { name: `Save priority of order ${other.body.id}` }).click();
    await second.getByRole('alert').filter({ hasText: 'Priority must be a whole number' }).waitFor(WAIT);
    expect((await server.api<{ priority: number }>('GET', `/orders/${other.body.id}`)).body.priority).toBe(0);
    // A sku nobody has is a typing slip, said as such (the browser logs the server's 400).
    watched.allow(/status of 400/);
    await watched.page.getByLabel('With item (sku)').fill('e2e-ship');
    await watched.page.getByRole('button', { name: 'Show' }).click();
    await watched.page.getByText('No item has the sku e2e-ship').waitFor(WAIT);
  });

  it("lists a location's pick list: the orders holding units there, with how many", async () => {
    const sku = 'E2E-PICK';
    expect((await server.api('POST', '/locations', { code: 'E2E-EAST', name: 'East depot' })).status).toBe(201);
    expect((await server.api('POST', '/items', { sku, name: 'Pick crate', backorderPolicy: 'allow', unitPrice: 500 })).status).toBe(201);
    expect((await server.api('POST', '/stock/adjustments', { sku, location: 'E2E-EAST', delta: 4, reason: 'receipt' })).status).toBe(201);
    const picked = await server.api<{ id: number }>('POST', '/orders', { lines: [{ sku, quantity: 3 }] });
    const waiting = await server.api<{ id: number }>('POST', '/orders', { lines: [{ sku, quantity: 2 }] }); // 1 unit there, 1 waits
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.getByRole('link', { name: 'Orders', exact: true }).click();
    await watched.page.getByLabel('Units allocated at').selectOption('E2E-EAST');
    const table = watched.page.getByRole('table', { name: 'Orders, newest first' });
    await table.getByRole('columnheader', { name: 'At E2E-EAST' }).waitFor(WAIT);
    const row = (id: number) => table.getByRole('row').filter({ has: watched.page.getByRole('link', { name: `#${id}`, exact: true }) });
    await expect.poll(() => row(picked.body.id).locator('td').last().textContent(), WAIT).toBe('3');
    await expect.poll(() => row(waiting.body.id).locator('td').last().textContent(), WAIT).toBe('1');
    expect(await table.getByRole('row').count()).toBe(3); // the header and the two orders holding units there
  });

  it('says of a rejected order placed again under its external id which order counts instead, and opens it', async () => {
    expect((await server.api('POST', '/items', { sku: 'E2E-RETRY', name: 'Retried teapot', backorderPolicy: 'allow', unitPrice: 900 })).status).toBe(201);
    const body = { externalId: 'WEB-AGAIN', shortage: 'in_stock_only', lines: [{ sku: 'E2E-RETRY', quantity: 2 }] };
    const rejected = await server.api<{ error: { details: { orderId: number } } }>('POST', '/orders', body);
    expect(rejected.status).toBe(409);
    const rejectedId = rejected.body.error.details.orderId;
    const placed = await server.api<{ id: number }>('POST', '/orders', { ...body, shortage: 'backorder' });
    expect(placed.status).toBe(201);
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/orders?order=${rejectedId}`);
    const panel = watched.page.getByRole('region', { name: `Order #${rejectedId}` });
    await panel.getByTestId('superseded-by').filter({ hasText: `order #${placed.body.id}, which counts instead` }).waitFor(WAIT);
    await watched.page.getByRole('row').filter({ has: watched.page.getByRole('link', { name: `#${rejectedId}`, exact: true }) }).getByText(`superseded by #${placed.body.id}`).waitFor(WAIT);
    await watched.screenshot('order-superseded');
    await panel.getByRole('link', { name: `order #${placed.body.id}` }).click();
    const counted = watched.page.getByRole('region', { name: `Order #${placed.body.id}` });
    await counted.getByText('WEB-AGAIN').waitFor(WAIT);
    expect(await counted.getByTestId('superseded-by').count()).toBe(0);
  });

  it('adds an item from the Items page and opens it', async () => {
    const watched = await page();
    watched.allow(/status of 409/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.getByRole('link', { name: 'Items', exact: true }).click();
    await watched.page.getByText('Add an item').click();
    const form = watched.page.getByRole('form', { name: 'New item' });
    await form.getByLabel('Sku', { exact: true }).fill('E2E NEW');
    await form.getByLabel('Name').fill('Newly listed lantern');
    await form.getByRole('button', { name: 'Add item' }).click();
    await form.getByRole('alert').filter({ hasText: 'Sku must be 1–64 letters' }).waitFor(WAIT);
    await form.getByLabel('Sku', { exact: true }).fill('E2E-OOS');
    await form.getByRole('button', { name: 'Add item' }).click();
    await form.getByText(/an item with sku E2E-OOS already exists/).waitFor(WAIT);
    await form.getByLabel('Sku', { exact: true }).fill('E2E-NEW');
    await form.getByLabel('Unit price').fill('19.99');
    await form.getByLabel('Out of stock: refuse orders').check();
    await form.getByRole('button', { name: 'Add item' }).click();
    await watched.page.getByRole('heading', { name: /E2E-NEW · Newly listed lantern/ }).waitFor(WAIT);
    await expect.poll(() => watched.page.locator('.page-head .badge').getAttribute('data-status'), WAIT).toBe('out_of_stock');
    const created = await server.api<{ backorderPolicy: string; unitPrice: number; leadTimeDays: number }>('GET', '/items/E2E-NEW');
    expect(created.body).toMatchObject({ backorderPolicy: 'deny', unitPrice: 1999, leadTimeDays: 14 });
  });

  it('turns an out-of-stock item into one that takes backorders from its settings', async () => {
    const sku = 'E2E-EDIT';
    expect((await server.api('POST', '/items', { sku, name: 'Editable easel', backorderPolicy: 'deny', unitPrice: 4500 })).status).toBe(201);
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/${sku}`);
    const badge = watched.page.locator('.page-head .badge');
    await expect.poll(() => badge.getAttribute('data-status'), WAIT).toBe('out_of_stock');
    await watched.page.getByText('Edit item settings').click();
    const form = watched.page.getByRole('form', { name: `Settings of ${sku}` });
    await form.getByLabel(/Take backorders/).check();
    await form.getByLabel('Most units that may wait at once (empty: no limit)').fill('5');
    await form.getByLabel('Unit price').fill('49,90');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByRole('alert').filter({ hasText: 'Unit price must be an amount such as 12.50' }).waitFor(WAIT);
    await form.getByLabel('Unit price').fill('49.90');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText(`Saved the settings of ${sku}.`).waitFor(WAIT);
    await expect.poll(() => badge.getAttribute('data-status'), WAIT).toBe('backorder');
    await watched.page.getByText('Backorders allowed up to 5 units at once').waitFor(WAIT);
    const saved = await server.api<{ backorderPolicy: string; backorderLimit: number | null; unitPrice: number; name: string }>('GET', `/items/${sku}`);
    expect(saved.body).toMatchObject({ backorderPolicy: 'allow', backorderLimit: 5, unitPrice: 4990, name: 'Editable easel' });
    await watched.screenshot('item-settings');
  });

  it('keeps what was typed into item settings after a save, and follows what changed elsewhere, when the item is read back', async () => {
    const sku = 'E2E-FOLLOW';
    expect((await server.api('POST', '/items', { sku, name: 'Folding stool', backorderPolicy: 'allow', unitPrice: 2000, leadTimeDays: 14 })).status).toBe(201);
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/${sku}`);
    await watched.page.getByText('Edit item settings').click();
    const form = watched.page.getByRole('form', { name: `Settings of ${sku}` });
    await form.getByLabel('Unit price').fill('24.00');
    await form.getByLabel('Low-stock threshold (units)').fill('3');
    const reads = await holdReads(watched, `/items/${sku}`);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText(`Saved the settings of ${sku}.`).waitFor(WAIT);
    // Before the page reads the item back, someone else renames it and this person types a lead time.
    expect((await server.api('PATCH', `/items/${sku}`, { name: 'Folding stool, oak' })).status).toBe(200);
    await form.getByLabel('Lead time (days)').fill('21');
    // And thinks better of the threshold just saved: typed back to what it was, it stays so.
    await form.getByLabel('Low-stock threshold (units)').fill('0');
    await reads.release();
    await expect.poll(() => form.getByLabel('Name').inputValue(), WAIT).toBe('Folding stool, oak');
    expect(await form.getByLabel('Lead time (days)').inputValue()).toBe('21');
    expect(await form.getByLabel('Unit price').inputValue()).toBe('24.00');
    expect(await form.getByLabel('Low-stock threshold (units)').inputValue()).toBe('0');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await server.api<{ name: string; unitPrice: number; leadTimeDays: number; lowStockThreshold: number }>('GET', `/items/${sku}`)).body, WAIT)
      .toMatchObject({ name: 'Folding stool, oak', unitPrice: 2400, leadTimeDays: 21, lowStockThreshold: 0 });
  });

  it('warns when discontinuing an item customers wait for, then cancels its whole queue after asking', async () => {
    const sku = 'E2E-DISC';
    expect((await server.api('POST', '/items', { sku, name: 'Retired radio', backorderPolicy: 'allow', unitPrice: 3000 })).status).toBe(201);
    const ann = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Ann', email: 'ann@example.com' }, lines: [{ sku, quantity: 1 }] });
    const bob = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Bob' }, lines: [{ sku, quantity: 2 }] });
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/${sku}`);
    await watched.page.getByText('Edit item settings').click();
    const settings = watched.page.getByRole('form', { name: `Settings of ${sku}` });
    await settings.getByLabel(/Discontinued/).check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => settings.getByTestId('item-warnings').textContent(), WAIT).toContain('3 units on 2 lines of 2 orders still wait for it');
    // Nothing will restock them: the queue says the customers have no date, in words.
    await expect.poll(() => watched.page.locator('tr[data-order] [data-eta="none"]').allTextContents(), WAIT).toEqual(['No date', 'No date']);

    await watched.page.getByText('Cancel every waiting backorder', { exact: true }).click();
    const cancel = watched.page.getByRole('form', { name: `Cancel the waiting backorders of ${sku}` });
    await cancel.getByLabel('Reason').fill('The maker retired it');
    const asked = watched.page.waitForRequest((r) => r.url().endsWith(`/items/${sku}/backorders/cancel`));
    watched.acceptDialogs();
    await cancel.getByRole('button', { name: 'Cancel 3 waiting units' }).click();
    const sent = await asked;
    expect(sent.postDataJSON()).toEqual({ reason: 'The maker retired it' });
    expect(sent.headers()['idempotency-key']).toMatch(/^dashboard-[0-9a-f]{32}$/);
    expect(watched.dialogs.at(-1)).toMatch(/Cancel all 3 units waiting for E2E-DISC\? Each customer is told/);
    await watched.page.getByRole('status').filter({ hasText: `Cancelled 3 waiting units of ${sku} (2 lines of 2 orders); each customer is told.` }).waitFor(WAIT);
    await watched.page.getByText('Nobody is waiting for this item').waitFor(WAIT);
    for (const order of [ann, bob]) {
      expect((await server.api<{ status: string }>('GET', `/orders/${order.body.id}`)).body.status).toBe('cancelled');
    }
    await watched.screenshot('item-backorders-cancelled');
  });

  it('offers a viewer key no action it may not take, and asks nothing the server must refuse', async () => {
    const viewer = await server.api<{ key: string }>('POST', '/keys', { name: 'e2e viewer', role: 'viewer' });
    expect(viewer.status).toBe(201);
    const watched = await page(); // fails on any console error, so also on a refused (403) request
    await signIn(watched.page, server.url, viewer.body.key);
    await watched.page.goto(`${server.url}/#/items/E2E-BO`);
    await watched.page.getByTestId('read-only').first().waitFor(WAIT);
    expect(await watched.page.getByRole('button', { name: 'Apply adjustment' }).count()).toBe(0);
    expect(await watched.page.getByText('Edit item settings').count()).toBe(0);
    expect((await server.api('POST', '/items', { sku: 'E2E-VIEW', name: 'Viewed vase', backorderPolicy: 'allow', unitPrice: 300 })).status).toBe(201);
    expect((await server.api('POST', '/stock/adjustments', { sku: 'E2E-VIEW', location: 'MAIN', delta: 1, reason: 'receipt' })).status).toBe(201);
    const allocated = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Viewer check' }, lines: [{ sku: 'E2E-VIEW', quantity: 1 }] });
    await watched.page.goto(`${server.url}/#/orders?order=${allocated.body.id}`);
    await watched.page.getByRole('region', { name: `Order #${allocated.body.id}` }).getByText('Viewer check').waitFor(WAIT);
    expect(await watched.page.getByRole('button', { name: /Ship units|Cancel order/ }).count()).toBe(0);
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByRole('heading', { name: 'Purchase orders' }).waitFor(WAIT);
    await watched.page.locator('[data-testid="suggestions"], [data-testid="without-forecast"]').first().waitFor(WAIT);
    expect(await watched.page.getByRole('button', { name: /Create draft POs/ }).count()).toBe(0);
    expect(await watched.page.getByText('Create a purchase order').count()).toBe(0);
    await watched.page.goto(`${server.url}/#/items?search=E2E-BO`);
    await watched.page.locator('tr[data-sku="E2E-BO"]').waitFor(WAIT);
    expect(await watched.page.getByText(/^Import (items|a stock count) from CSV$/).count()).toBe(0);
    await watched.page.goto(`${server.url}/#/settings`);
    await watched.page.getByText('Only admin keys can manage API keys').waitFor(WAIT);
    await watched.screenshot('viewer');
  });

  it('shows out of stock and backorder items differently', async () => {
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items?search=E2E-`);
    const oos = watched.page.locator('tr[data-sku="E2E-OOS"] .badge');
    const bo = watched.page.locator('tr[data-sku="E2E-BO"] .badge');
    await oos.waitFor();
    expect(await oos.getAttribute('data-status')).toBe('out_of_stock');
    expect(await oos.textContent()).toContain('Out of stock — cannot be ordered');
    expect(await bo.getAttribute('data-status')).toBe('backorder');
    await expect.poll(() => bo.textContent(), WAIT).toMatch(/Backorder — ships by \d{1,2} \w{3} \d{4}/);
    const [oosColour, boColour] = await Promise.all([oos.evaluate(BACKGROUND), bo.evaluate(BACKGROUND)]);
    expect(oosColour).not.toBe(boColour);
    expect(await oos.getAttribute('title')).toMatch(/no orders accepted/);
    expect(await bo.getAttribute('title')).toMatch(/orders are still accepted/);
    await watched.screenshot('items-out-of-stock-vs-backorder');
  });

  it('shows an order placed through the API in the queue, and reorders the queue on a priority change', async () => {
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    const first = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Ada Early' }, lines: [{ sku: 'E2E-BO', quantity: 2 }] });
    expect(first.status).toBe(201);
    await watched.page.goto(`${server.url}/#/items/E2E-BO`);
    const rows = watched.page.locator('[data-testid="backorder-queue"] tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    const second = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Bo Later', email: 'bo@example.com' }, lines: [{ sku: 'E2E-BO', quantity: 1 }] });
    expect(second.status).toBe(201);
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.nth(1).getAttribute('data-order')).toBe(String(second.body.id));
    await watched.screenshot('queue-new-order');
    await watched.page.getByLabel(`Priority of order ${second.body.id}`, { exact: true }).fill('5');
    await watched.page.getByRole('button', { name: `Save priority of order ${second.body.id}` }).click();
    await expect.poll(() => rows.first().getAttribute('data-order'), WAIT).toBe(String(second.body.id));
    expect(await rows.nth(1).getAttribute('data-order')).toBe(String(first.body.id));
    // The change is confirmed where it was made, not only by the queue moving.
    await rows.first().getByRole('status').filter({ hasText: 'Priority set to 5.' }).waitFor(WAIT);
    await watched.screenshot('queue-reordered');
  });

  it('renders an item named like HTML as text', async () => {
    const name = '<img src=x onerror=alert(1)>';
    expect((await server.api('POST', '/items', { sku: 'E2E-XSS', name })).status).toBe(201);
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items?search=E2E-XSS`);
    await watched.page.getByText(name, { exact: true }).waitFor();
    await watched.page.goto(`${server.url}/#/items/E2E-XSS`);
    await watched.page.getByRole('heading', { name: `E2E-XSS · ${name}` }).waitFor();
    expect(await watched.page.locator('img[src="x"]').count()).toBe(0);
    expect(watched.dialogs).toEqual([]);
    await watched.screenshot('xss-as-text');
  });

  it('fits a phone screen without sideways scrolling', async () => {
    // A name of one long run of characters must break, not widen the page.
    expect((await server.api('POST', '/items', { sku: 'E2E-LONG', name: 'Ü'.repeat(200) })).status).toBe(201);
    const watched = await page(390);
    await signIn(watched.page, server.url, server.adminKey);
    for (const [name, hash] of [['overview', ''], ['items', 'items'], ['backorders', 'backorders'], ['item', 'items/E2E-BO'], ['long-name', 'items/E2E-LONG'], ['settings', 'settings']] as const) {
      await watched.page.goto(`${server.url}/#/${hash}`);
      await watched.page.locator('main h1').first().waitFor();
      await watched.page.waitForLoadState('networkidle');
      expect(await watched.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      // Nor does a control sit beyond the screen's edge inside a table that scrolls on its own.
      const offScreen = await watched.page.evaluate<string[]>(`[...document.querySelectorAll('main table input, main table button, main table select')]
        .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > 391; })
        .map((e) => e.getAttribute('aria-label') ?? e.textContent ?? e.tagName)`);
      expect({ name, offScreen }).toEqual({ name, offScreen: [] });
      await watched.screenshot(`phone-${name}`);
    }
  });

  it('receives a PO in part and sees backorders filled and ETAs change', async () => {
    const sku = 'E2E-RCV';
    expect((await server.api('POST', '/items', { sku, name: 'Garden hose', backorderPolicy: 'allow', leadTimeDays: 30 })).status).toBe(201);
    const orders: number[] = [];
    for (const [name, quantity] of [['Ann', 2], ['Ben', 2], ['Cy', 1]] as const) {
      const placed = await server.api<{ id: number }>('POST', '/orders', { customer: { name }, lines: [{ sku, quantity }] });
      expect(placed.status).toBe(201);
      orders.push(placed.body.id);
    }
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/${sku}`);
    const rows = watched.page.locator('[data-testid="backorder-queue"] tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    const etas = () => rows.locator('.eta').evaluateAll((spans) => spans.map((span) => (span as unknown as { dataset: { eta: string } }).dataset.eta));
    const estimated = await etas();
    expect((await server.api('POST', '/suppliers', { code: 'E2E-SUP', name: 'Hose & Co', leadTimeDays: 7 })).status).toBe(201);
    const expectedOn = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const po = await server.api<{ id: number }>('POST', '/purchase-orders', { supplier: 'E2E-SUP', lines: [{ sku, quantity: 3, expectedOn }] });
    expect(po.status).toBe(201);
    expect((await server.api('POST', `/purchase-orders/${po.body.id}/send`, {})).status).toBe(200);
    await expect.poll(etas, WAIT).not.toEqual(estimated);
    expect((await etas())[0]).toBe(expectedOn);
    await watched.screenshot('receive-before');
    await watched.page.getByText(`Receive PO ${po.body.id}`).click();
    await watched.page.getByLabel(`${sku}: units received (open 3)`).fill('2');
    await watched.page.getByRole('button', { name: 'Receive', exact: true }).click();
    await expect.poll(() => watched.page.getByRole('status').filter({ hasText: 'Received 2 units' }).count(), WAIT).toBe(1);
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.first().getAttribute('data-order')).toBe(String(orders[1]));
    const order = await server.api<{ lines: { allocated: number; backordered: number }[] }>('GET', `/orders/${orders[0]}`);
    expect(order.body.lines[0]).toMatchObject({ allocated: 2, backordered: 0 });
    await watched.screenshot('receive-after');

    // One unit is still open; the supplier sent two: refused until the over-receipt box is ticked.
    watched.allow(/status of 409/);
    await watched.page.getByLabel(`${sku}: units received (open 1)`).fill('2');
    await watched.page.getByRole('button', { name: 'Receive', exact: true }).click();
    await expect.poll(() => watched.page.getByRole('alert').textContent(), WAIT).toContain('allowOverReceipt');
    // The refusal names the request the server logged, to quote when reporting it.
    expect(await watched.page.getByRole('alert').textContent()).toMatch(/Error code: CONFLICT · request id [0-9a-f-]{36} \(quote it when reporting this\)/);
    await expectMarkedInvalid(watched.page.getByLabel(`${sku}: units received (open 1)`), /allowOverReceipt/);
    await watched.page.getByLabel(/sent more than ordered/).check();
    await watched.page.getByRole('button', { name: 'Receive', exact: true }).click();
    // Fully received, the PO has nothing left to receive: its form goes away.
    const received = () => server.api<{ status: string; lines: { received: number }[] }>('GET', `/purchase-orders/${po.body.id}`).then((r) => r.body);
    await expect.poll(received, WAIT).toMatchObject({ status: 'received', lines: [{ received: 4 }] });
    await expect.poll(() => watched.page.getByText(`Receive PO ${po.body.id}`).count(), WAIT).toBe(0);
  });
  it('labels every control and can be driven from the keyboard', async () => {
    const watched = await page();
    await watched.page.goto(`${server.url}/`);
    // The page is loaded before React has drawn the form: wait for it, or Tab lands nowhere.
    await watched.page.getByLabel('API key').waitFor();
    await watched.page.keyboard.press('Tab');
    await expect.poll(() => watched.page.evaluate<string>("document.activeElement?.id ?? ''"), WAIT).not.toBe('');
    await watched.page.keyboard.type(server.adminKey);
    await watched.page.keyboard.press('Enter');
    await watched.page.getByRole('heading', { name: 'Overview' }).waitFor();
    for (const hash of ['', 'items', 'items/E2E-BO', 'backorders', 'purchasing', 'simulation', 'notifications', 'settings']) {
      await watched.page.goto(`${server.url}/#/${hash}`);
      await watched.page.locator('main h1').first().waitFor();
      await watched.page.waitForLoadState('networkidle');
      const unlabelled = await watched.page.locator('main input, main select, main textarea, main button').evaluateAll((controls) =>
        controls
          .map((c) => c as unknown as { id: string; outerHTML: string; labels: { length: number } | null; textContent: string | null; getAttribute(name: string): string | null })
          .filter((c) => !(c.labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || (c.textContent ?? '').trim()))
          .map((c) => c.outerHTML.slice(0, 120)));
      expect(unlabelled, `#/${hash}`).toEqual([]);
    }
    await watched.page.goto(`${server.url}/#/items`);
    await watched.page.getByLabel('Search sku or name').focus();
    await watched.page.keyboard.type('E2E-BO');
    await watched.page.locator('tr[data-sku="E2E-BO"]').waitFor();
    await watched.page.keyboard.press('Tab');
    await watched.page.keyboard.press('Tab');
    await watched.page.keyboard.press('Tab');
    await watched.page.keyboard.press('Enter');
    await watched.page.getByRole('heading', { name: /E2E-BO/ }).waitFor();
    await watched.screenshot('keyboard-item');
  });

  it('creates draft POs from replenishment suggestions', async () => {
    const sku = 'E2E-PLAN';
    expect((await server.api('POST', '/items', { sku, name: 'Planned widget', backorderPolicy: 'allow', unitPrice: 1000, unitCost: 400 })).status).toBe(201);
    expect((await server.api('POST', '/suppliers', { code: 'E2E-PSUP', name: 'Planner supplies', leadTimeDays: 5 })).status).toBe(201);
    expect((await server.api('POST', '/suppliers/E2E-PSUP/items', { sku, preferred: true })).status).toBe(201);
    expect((await server.api('POST', '/orders', { customer: { name: 'Dee' }, lines: [{ sku, quantity: 4 }] })).status).toBe(201);
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByLabel(`Select ${sku}`).check();
    await watched.screenshot('suggestions');
    await watched.page.getByRole('button', { name: 'Create draft POs for 1 selected' }).click();
    await expect.poll(() => watched.page.getByRole('status').filter({ hasText: 'Created 1 draft purchase order' }).count(), WAIT).toBe(1);
    const draft = watched.page.locator('article[data-po]').filter({ hasText: 'Planner supplies' });
    await draft.waitFor();
    expect(await draft.locator('[data-status]').getAttribute('data-status')).toBe('draft');
    expect(await draft.getByRole('link', { name: sku }).count()).toBe(1);
    const drafts = await server.api<{ items: { supplier: string; status: string; lines: { sku: string; quantity: number }[] }[] }>('GET', '/purchase-orders?status=draft&supplier=E2E-PSUP');
    expect(drafts.body.items).toHaveLength(1);
    expect(drafts.body.items[0]?.lines[0]).toMatchObject({ sku, quantity: 4 });
    await watched.screenshot('drafts-created');
    // The suggestion stays listed (a draft is not supply until sent), saying what its drafts hold.
    await watched.page.getByRole('row').filter({ has: watched.page.getByLabel(`Select ${sku}`) }).getByTestId('on-drafts').filter({ hasText: '4 on draft POs' }).waitFor(WAIT);

    // Items without a forecast are planned as if nobody asked for them: the page says so and forecasts them on request.
    const before = await server.api<{ withoutForecast: number }>('GET', '/replenishment');
    expect(before.body.withoutForecast).toBeGreaterThan(0);
    const notice = watched.page.getByTestId('without-forecast');
    expect(await notice.textContent()).toContain(`${before.body.withoutForecast.toLocaleString('en-US')} item(s) have no forecast yet`);
    await notice.getByRole('button', { name: 'Forecast every item now' }).click();
    await expect.poll(() => watched.page.getByRole('status').filter({ hasText: /Forecast [\d,]+ item\(s\)/ }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => notice.count(), WAIT).toBe(0);
    expect((await server.api<{ withoutForecast: number }>('GET', '/replenishment')).body.withoutForecast).toBe(0);
  });
  it("refuses a new purchase order with no line, a half-filled line or a past date, in words; creates it once under a retry key, then refuses its reference again", async () => {
    const before = await server.api<{ items: unknown[] }>('GET', '/purchase-orders?status=draft&limit=200');
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/E2E-BO`);
    const adjust = watched.page.getByRole('form', { name: 'Adjust stock' });
    await adjust.getByLabel('Units to add (negative removes)').fill('2');
    await adjust.getByRole('button', { name: 'Apply adjustment' }).click();
    await expectMarkedInvalid(adjust.getByLabel('Reason'), /Reason must not be empty/);
    const transfer = watched.page.getByRole('form', { name: 'Transfer stock' });
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await expectMarkedInvalid(transfer.getByLabel('Units (available only)'), /Units must be a whole number/);
    // Too many units is said as such, not as if the number were not whole.
    await adjust.getByLabel('Units to add (negative removes)').fill('99999999999');
    await adjust.getByRole('button', { name: 'Apply adjustment' }).click();
    await expectMarkedInvalid(adjust.getByLabel('Units to add (negative removes)'), /Units to add must be at most 1,000,000,000 in size/);
    // A transfer to where the units already are says why it cannot be made.
    await transfer.getByLabel('To').selectOption('MAIN');
    await transfer.getByLabel('From').selectOption('MAIN');
    await transfer.getByTestId('transfer-same-location').filter({ hasText: 'From and To are both MAIN' }).waitFor(WAIT);

    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByText('Create a purchase order').click();
    // Drafts on the page have fields of their own (units, sku): these are the new order's.
    const form = watched.page.getByRole('form', { name: 'New purchase order' });
    const create = form.getByRole('button', { name: 'Create draft PO', exact: true });
    const alert = form.getByRole('alert');
    await create.click();
    await expect.poll(() => alert.textContent(), WAIT).toBe('Add at least one line: the sku and units to order.');
    await form.getByLabel('Units').fill('3');
    await create.click();
    await expect.poll(() => alert.textContent(), WAIT).toBe('Line 1: give the sku of the item to order.');
    await form.getByLabel('Sku').fill('E2E-BO');
    await form.getByLabel('Expected on (default: lead time)').fill('2020-01-01');
    await create.click();
    await expect.poll(() => alert.textContent(), WAIT).toMatch(/^Line 1: the expected date 2020-01-01 has passed/);
    expect((await server.api<{ items: unknown[] }>('GET', '/purchase-orders?status=draft&limit=200')).body.items).toHaveLength(before.body.items.length);
    // Sent with an Idempotency-Key, so a second click or a retry creates it once; its reference is then taken.
    await form.getByLabel('Expected on (default: lead time)').fill('');
    await form.getByLabel('Reference (optional)').fill('E2E-FORM-1');
    const asked = watched.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/purchase-orders'));
    await create.click();
    expect((await asked).headers()['idempotency-key']).toMatch(/^dashboard-[0-9a-f]{32}$/);
    await form.getByText(/^Draft PO \d+ created/).waitFor(WAIT);
    watched.allow(/status of 409/);
    await form.getByLabel('Sku').fill('E2E-BO');
    await form.getByLabel('Units').fill('3');
    await form.getByLabel('Reference (optional)').fill('E2E-FORM-1');
    await create.click();
    await expectMarkedInvalid(form.getByLabel('Reference (optional)'), /already has purchase order \d+ with reference E2E-FORM-1/);
  });

  it('pages through purchase orders on the server, past the first page', async () => {
    // 51 cancelled purchase orders: one more than a page.
    expect((await server.api('POST', '/suppliers', { code: 'E2E-PAGE', name: 'Many orders' })).status).toBe(201);
    expect((await server.api('POST', '/items', { sku: 'E2E-PAGED', name: 'Paged bolt' })).status).toBe(201);
    for (let i = 0; i < 51; i++) {
      const po = await server.api<{ id: number }>('POST', '/purchase-orders', { supplier: 'E2E-PAGE', lines: [{ sku: 'E2E-PAGED', quantity: 1 }] });
      expect((await server.api('POST', `/purchase-orders/${po.body.id}/cancel`, {})).status).toBe(200);
    }
    const received = await server.api<{ items: { id: number }[]; nextCursor: string | null }>('GET', '/purchase-orders?status=cancelled&limit=50');
    expect(received.body.nextCursor).not.toBeNull();
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing?status=cancelled`);
    const rows = watched.page.locator('[data-testid="purchase-orders"] tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(50);
    expect(await rows.first().textContent()).toContain(`PO ${received.body.items[0]!.id}`);
    await watched.page.getByRole('navigation', { name: 'Purchase orders pages' }).getByRole('button', { name: 'Next →' }).click();
    const second = await server.api<{ items: { id: number }[] }>('GET', `/purchase-orders?status=cancelled&limit=50&cursor=${encodeURIComponent(received.body.nextCursor!)}`);
    await expect.poll(() => rows.first().textContent(), WAIT).toContain(`PO ${second.body.items[0]!.id}`);
  });

  it('dates charts in UTC in a browser west of Greenwich', async () => {
    const kpis = await server.api<{ items: { sku: string; unitsRequested: number }[] }>('GET', '/kpis');
    const busiest = [...kpis.body.items].sort((a, b) => b.unitsRequested - a.unitsRequested)[0];
    const weeks = await server.api<{ buckets: { start: string }[] }>('GET', `/items/${busiest!.sku}/demand?bucket=week`);
    const watched = await page(1280, 'America/Los_Angeles');
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/${busiest!.sku}`);
    const chart = watched.page.getByRole('img', { name: /Weekly demand/ });
    await chart.waitFor(WAIT);
    // The mouse reaches only what is on screen.
    await chart.scrollIntoViewIfNeeded();
    // The legend names the hovered week by its UTC day: a week of the API's, never the evening before.
    // The chart is drawn again as the forecast and plan arrive, so hover until one shows it.
    const legend = watched.page.locator('.u-legend .u-series').first().locator('.u-value');
    await expect.poll(async () => {
      const box = await chart.locator('.u-over').boundingBox();
      await watched.page.mouse.move((box?.x ?? 0) + 6, (box?.y ?? 0) + (box?.height ?? 0) / 2);
      await watched.page.mouse.move((box?.x ?? 0) + 5, (box?.y ?? 0) + (box?.height ?? 0) / 2);
      return (await legend.textContent()) ?? '';
    }, WAIT).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const shown = (await legend.textContent()) ?? '';
    expect(weeks.body.buckets.map((b) => b.start)).toContain(shown);
  });

  it('adds, renames and deactivates a location from Settings', async () => {
    const watched = await page();
    watched.acceptDialogs();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.getByRole('link', { name: 'Settings', exact: true }).click();
    const form = watched.page.getByRole('form', { name: 'New location' });
    await form.getByLabel('Code').fill('POP UP');
    await form.getByRole('button', { name: 'Add location' }).click();
    await form.getByRole('alert').filter({ hasText: 'Code must be 1–64 letters' }).waitFor(WAIT);
    await form.getByLabel('Code').fill('E2E-POP');
    await form.getByLabel('Name').fill('Pop-up store');
    await form.getByLabel('Priority (empty: 0)').fill('50');
    await form.getByRole('button', { name: 'Add location' }).click();
    await form.getByText('Added location E2E-POP.').waitFor(WAIT);
    const name = watched.page.getByLabel('Name of E2E-POP');
    await expect.poll(() => name.inputValue(), WAIT).toBe('Pop-up store');
    await name.fill('Summer pop-up store');
    const row = watched.page.locator('tr', { has: name });
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Saved E2E-POP.').waitFor(WAIT);
    await watched.page.locator('tr', { has: watched.page.getByLabel('Name of E2E-POP') }).getByRole('button', { name: 'Deactivate' }).click();
    await watched.page.locator('tr', { has: watched.page.getByLabel('Name of E2E-POP') }).getByText('inactive', { exact: true }).waitFor(WAIT);
    const saved = await server.api<{ items: { code: string; name: string; priority: number; active: boolean }[] }>('GET', '/locations');
    expect(saved.body.items.find((l) => l.code === 'E2E-POP')).toEqual({ code: 'E2E-POP', name: 'Summer pop-up store', priority: 50, active: false });
    await watched.screenshot('settings-locations');
    // Stock kept at an inactive location can still be counted and moved out, but nothing moves in.
    await watched.page.goto(`${server.url}/#/items/E2E-BO`);
    await watched.page.getByLabel('Location').locator('option', { hasText: 'E2E-POP · Summer pop-up store (inactive)' }).waitFor({ state: 'attached', ...WAIT });
    expect(await watched.page.getByLabel('From').locator('option', { hasText: 'E2E-POP' }).count()).toBe(1);
    expect(await watched.page.getByLabel('To', { exact: true }).locator('option', { hasText: 'E2E-POP' }).count()).toBe(0);
  });

  it('stops a customer waiting for a back-in-stock notice from Notifications', async () => {
    const created = await server.api<{ id: number; status: string }>('POST', '/subscriptions', { sku: 'E2E-OOS', email: 'wait.less@example.com' });
    expect(created.body.status).toBe('active');
    const watched = await page();
    watched.acceptDialogs();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.getByRole('link', { name: 'Notifications', exact: true }).click();
    await watched.page.getByRole('button', { name: 'Stop wait.less@example.com waiting for E2E-OOS' }).click();
    await watched.page.getByText('wait.less@example.com no longer waits for E2E-OOS.').waitFor(WAIT);
    const after = await server.api<{ items: { id: number; status: string }[] }>('GET', '/subscriptions?sku=E2E-OOS');
    expect(after.body.items.find((s) => s.id === created.body.id)?.status).toBe('unsubscribed');
  });

  it('runs a simulation of two policies side by side', async () => {
    const kpis = await server.api<{ items: { sku: string; unitsRequested: number }[] }>('GET', '/kpis');
    // A demo item with a past to replay (the E2E- items were made today).
    const busiest = [...kpis.body.items].filter((i) => !i.sku.startsWith('E2E-')).sort((a, b) => b.unitsRequested - a.unitsRequested)[0];
    expect(busiest).toBeDefined();
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/simulation`);
    await watched.page.getByLabel('Item sku').fill(busiest!.sku);
    await watched.page.getByLabel('Reorder point s').first().fill('5');
    await watched.page.getByRole('button', { name: 'Run simulation' }).click();
    const results = watched.page.locator('[data-testid="simulation-results"]');
    await results.waitFor();
    expect(await results.locator('thead th').count()).toBe(3);
    expect(await results.locator('tbody tr').first().textContent()).toMatch(/Fill rate.*%.*%/);
    expect(await watched.page.getByRole('img', { name: /Stock on hand at the end of each day/ }).count()).toBe(1);
    await watched.screenshot('simulation');
    // A run refused before it is sent does not leave the last run's figures under its error.
    await watched.page.getByLabel('Item sku').fill('not a sku!');
    await watched.page.getByRole('button', { name: 'Run simulation' }).click();
    await expectMarkedInvalid(watched.page.getByLabel('Item sku'), /Item sku must be/);
    expect(await results.count()).toBe(0);
  });

  it('marks the field a refused submit names and moves the focus to it: Add an item and item settings', async () => {
    const watched = await page();
    watched.allow(/status of (400|409)/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items`);
    await watched.page.getByText('Add an item').click();
    // The form's own check names the sku, and only the sku.
    const item = watched.page.getByRole('form', { name: 'New item' });
    const sku = item.getByLabel('Sku', { exact: true });
    await item.getByLabel('Name').fill('Marked lamp');
    await item.getByRole('button', { name: 'Add item' }).click();
    await expectMarkedInvalid(sku, /Sku must be 1–64 letters/);
    expect(await item.getByLabel('Name').getAttribute('aria-invalid')).toBeNull();
    // The API's refusal (409, the sku is taken) names the field too: the focus goes back to it from the button.
    await sku.fill('E2E-OOS');
    await item.getByRole('button', { name: 'Add item' }).click();
    await item.getByText(/an item with sku E2E-OOS already exists/).waitFor(WAIT);
    await expectMarkedInvalid(sku, /already exists/);
    await watched.screenshot('new-item-marked');

    await watched.page.goto(`${server.url}/#/items/E2E-BO`);
    await watched.page.getByText('Edit item settings').click();
    const settings = watched.page.getByRole('form', { name: 'Settings of E2E-BO' });
    await settings.getByLabel('Unit cost').fill('abc');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expectMarkedInvalid(settings.getByLabel('Unit cost'), /Unit cost must be an amount/);
    await settings.getByLabel('Unit cost').fill('1.00');
    await settings.getByLabel(/^Substitutes/).fill('E2E-NOBODY');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText(/unknown sku E2E-NOBODY/).waitFor(WAIT);
    await expectMarkedInvalid(settings.getByLabel(/^Substitutes/), /unknown sku E2E-NOBODY/);
    expect(await settings.getByLabel('Unit cost').getAttribute('aria-invalid')).toBeNull();
  });

  it('marks the field a refused submit names and moves the focus to it: stock, purchasing, locations, keys, simulation, notifications, orders', async () => {
    const watched = await page();
    watched.allow(/status of (400|404|409)/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByText('Create a purchase order').click();
    const po = watched.page.getByRole('form', { name: 'New purchase order' });
    await po.getByLabel('Units').fill('3');
    await po.getByRole('button', { name: 'Create draft PO', exact: true }).click();
    await expectMarkedInvalid(po.getByLabel('Sku'), /Line 1: give the sku/);
    // A blank first line is skipped, so the API's lines[0] is the form's second line.
    await po.getByLabel('Units').fill('');
    await po.getByRole('button', { name: 'Add a line' }).click();
    await po.getByLabel('Sku').nth(1).fill('E2E-NOBODY');
    await po.getByLabel('Units').nth(1).fill('2');
    await po.getByRole('button', { name: 'Create draft PO', exact: true }).click();
    await po.getByText(/no item with sku E2E-NOBODY/).waitFor(WAIT);
    await expectMarkedInvalid(po.getByLabel('Sku').nth(1), /no item with sku E2E-NOBODY/);
    expect(await po.getByLabel('Sku').first().getAttribute('aria-invalid')).toBeNull();
    const supplier = watched.page.getByRole('form', { name: 'Add a supplier' });
    await supplier.getByLabel('Name').fill('Nameless');
    await supplier.getByRole('button', { name: 'Add supplier' }).click();
    await expectMarkedInvalid(supplier.getByLabel('Code'), /Code must be/);

    await watched.page.goto(`${server.url}/#/settings`);
    const location = watched.page.getByRole('form', { name: 'New location' });
    await location.getByLabel('Code').fill('E2E-MARK');
    await location.getByLabel('Name').fill('Marked shop');
    await location.getByLabel('Priority (empty: 0)').fill('high');
    await location.getByRole('button', { name: 'Add location' }).click();
    await expectMarkedInvalid(location.getByLabel('Priority (empty: 0)'), /Priority must be a whole number/);
    const main = watched.page.getByLabel('Name of MAIN');
    await main.fill('');
    await watched.page.getByRole('button', { name: 'Save MAIN' }).click();
    await expectMarkedInvalid(main, /Name must not be empty/);
    const key = watched.page.getByRole('form', { name: 'Create a key' });
    await key.getByRole('button', { name: 'Create key' }).click();
    await expectMarkedInvalid(key.getByLabel(/^Name/), /Name/);

    await watched.page.goto(`${server.url}/#/simulation`);
    const simulation = watched.page.getByRole('form', { name: 'Simulation settings' });
    await simulation.getByLabel('Item sku').fill('E2E-NOBODY');
    await simulation.getByRole('button', { name: 'Run simulation' }).click();
    await expectMarkedInvalid(simulation.getByLabel('Item sku'), /no item with sku E2E-NOBODY/);
    // The API names the second policy's S: it must exceed that policy's s (on an item with history to replay).
    const kpis = await server.api<{ items: { sku: string; unitsRequested: number }[] }>('GET', '/kpis');
    // (A demo item: the E2E- items were made today, with no past to replay.)
    const withHistory = [...kpis.body.items].filter((i) => !i.sku.startsWith('E2E-')).sort((a, b) => b.unitsRequested - a.unitsRequested)[0]?.sku ?? 'none';
    await simulation.getByLabel('Item sku').fill(withHistory);
    await simulation.getByLabel('Order up to S').fill('5');
    await simulation.getByRole('button', { name: 'Run simulation' }).click();
    await simulation.getByText(/must exceed the reorder point/).waitFor(WAIT);
    await expectMarkedInvalid(simulation.getByLabel('Order up to S'), /must exceed the reorder point/);
    expect(await simulation.getByLabel('Item sku').getAttribute('aria-invalid')).toBeNull();

    await watched.page.goto(`${server.url}/#/notifications`);
    const endpoint = watched.page.getByRole('form', { name: 'Add an endpoint' });
    await endpoint.getByLabel('URL', { exact: true }).fill('ftp://shop.example.com/hooks');
    await endpoint.getByRole('button', { name: 'Add endpoint' }).click();
    await expectMarkedInvalid(endpoint.getByLabel('URL', { exact: true }), /url/);

    const sku = 'E2E-MARKSHIP';
    expect((await server.api('POST', '/items', { sku, name: 'Marked crate', backorderPolicy: 'allow' })).status).toBe(201);
    expect((await server.api('POST', '/stock/adjustments', { sku, location: 'MAIN', delta: 2, reason: 'receipt' })).status).toBe(201);
    const order = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Marked buyer' }, lines: [{ sku, quantity: 2 }] });
    await watched.page.goto(`${server.url}/#/orders?order=${order.body.id}`);
    const panel = watched.page.getByRole('region', { name: `Order #${order.body.id}` });
    const units = panel.getByLabel(`${sku} (of 2 allocated)`);
    await expect.poll(() => units.inputValue(), WAIT).toBe('2');
    await units.fill('3');
    await panel.getByRole('button', { name: 'Ship units' }).click();
    await expectMarkedInvalid(units, /must be a whole number from 0 to 2/);
    const priority = panel.getByLabel(`Priority of order ${order.body.id}`, { exact: true });
    await priority.fill('');
    await panel.getByRole('button', { name: `Save priority of order ${order.body.id}` }).click();
    await expectMarkedInvalid(priority, /Priority must be a whole number/);
  });

  it('adds an item with its cost, low-stock threshold, backorder limit, lead time and substitutes', async () => {
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items`);
    await watched.page.getByText('Add an item').click();
    const form = watched.page.getByRole('form', { name: 'New item' });
    await form.getByLabel('Sku', { exact: true }).fill('E2E-FULL');
    await form.getByLabel('Name').fill('Fully described fan');
    await form.getByLabel('Unit price').fill('24.00');
    await form.getByLabel('Unit cost').fill('9,50');
    await form.getByRole('button', { name: 'Add item' }).click();
    await expectMarkedInvalid(form.getByLabel('Unit cost'), /Unit cost must be an amount/);
    await form.getByLabel('Unit cost').fill('9.50');
    await form.getByLabel('Low-stock threshold (units)').fill('four');
    await form.getByRole('button', { name: 'Add item' }).click();
    await expectMarkedInvalid(form.getByLabel('Low-stock threshold (units)'), /Low-stock threshold must be a whole number/);
    await form.getByLabel('Low-stock threshold (units)').fill('4');
    await form.getByLabel('Most units that may wait at once (empty: no limit)').fill('12');
    await form.getByLabel('Lead time (days)').fill('21');
    await form.getByLabel(/^Substitutes/).fill('E2E-BO, E2E-OOS');
    await watched.screenshot('new-item-full');
    await form.getByRole('button', { name: 'Add item' }).click();
    await watched.page.getByRole('heading', { name: /E2E-FULL · Fully described fan/ }).waitFor(WAIT);
    const created = await server.api('GET', '/items/E2E-FULL');
    expect(created.body).toMatchObject({
      unitPrice: 2400, unitCost: 950, backorderPolicy: 'allow', backorderLimit: 12, lowStockThreshold: 4, leadTimeDays: 21, substitutes: ['E2E-BO', 'E2E-OOS'], discontinued: false,
    });
  });

  it('takes simulation costs as money and shows them as money, not cents', async () => {
    const kpis = await server.api<{ items: { sku: string; unitsRequested: number }[] }>('GET', '/kpis');
    // A demo item with a past to replay (the E2E- items were made today).
    const busiest = [...kpis.body.items].filter((i) => !i.sku.startsWith('E2E-')).sort((a, b) => b.unitsRequested - a.unitsRequested)[0];
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/simulation`);
    const form = watched.page.getByRole('form', { name: 'Simulation settings' });
    await form.getByLabel('Item sku').fill(busiest!.sku);
    expect(await form.getByText(/cents/).count()).toBe(0);
    await form.getByLabel('Per purchase order').fill('2,50');
    await form.getByRole('button', { name: 'Run simulation' }).click();
    await expectMarkedInvalid(form.getByLabel('Per purchase order'), /must be an amount such as 2.50/);
    await form.getByLabel('Per purchase order').fill('2.50');
    await form.getByLabel('Holding, per unit per day').fill('0.005');
    const answered = watched.page.waitForResponse((r) => r.url().endsWith('/api/v1/simulations') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Run simulation' }).click();
    const response = await answered;
    expect((response.request().postDataJSON() as { costs: unknown }).costs).toEqual({ orderingCost: 250, holdingCostPerUnitPeriod: 0.5 });
    const results = ((await response.json()) as { results: { orders: number; cost: { holding: number; ordering: number; backorder: number; total: number } }[] }).results;
    expect(results[0]!.cost.ordering).toBe(results[0]!.orders * 250);
    const money = (minor: number) => (minor / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const row = (label: string) => watched.page.locator('[data-testid="simulation-results"] tr', { hasText: label }).locator('td');
    await expect.poll(() => row('Total cost').allTextContents(), WAIT).toEqual(results.map((r) => money(r.cost.total)));
    // The parts of the total, so a person sees what each policy's cost is made of.
    expect(await row('Holding cost').allTextContents()).toEqual(results.map((r) => money(r.cost.holding)));
    expect(await row('Ordering cost').allTextContents()).toEqual(results.map((r) => money(r.cost.ordering)));
    expect(await row('Shortage cost').allTextContents()).toEqual(results.map((r) => money(r.cost.backorder)));
    await watched.screenshot('simulation-costs');
  });

  it('warns before revoking the key the dashboard is signed in with, then signs out cleanly', async () => {
    const own = await server.api<{ id: number; key: string }>('POST', '/keys', { name: 'e2e own admin', role: 'admin' });
    expect((await server.api('POST', '/keys', { name: 'e2e other viewer', role: 'viewer' })).status).toBe(201);
    const watched = await page();
    watched.acceptDialogs();
    await signIn(watched.page, server.url, own.body.key);
    await watched.page.goto(`${server.url}/#/settings`);
    // Another key: the usual question, and the dashboard stays signed in.
    await watched.page.getByRole('button', { name: 'Revoke key e2e other viewer', exact: true }).click();
    await watched.page.getByText('Key “e2e other viewer” revoked.').waitFor(WAIT);
    expect(watched.dialogs.at(-1)).not.toMatch(/signed out/);
    // Its own key: the question says the dashboard signs out, and afterwards it does, without an error.
    await watched.page.getByRole('button', { name: 'Revoke key e2e own admin', exact: true }).click();
    await watched.page.getByLabel('API key').waitFor(WAIT);
    expect(watched.dialogs.at(-1)).toMatch(/the key this dashboard is signed in with.*signed out/i);
    await watched.page.getByText('You revoked the key you were signed in with').waitFor(WAIT);
    expect(await watched.page.getByRole('alert').count()).toBe(0);
    expect(await watched.page.evaluate('sessionStorage.length')).toBe(0);
    await watched.screenshot('revoked-own-key');
    const keys = await server.api<{ items: { id: number; revokedAt: string | null }[] }>('GET', '/keys');
    expect(keys.body.items.find((k) => k.id === own.body.id)?.revokedAt).not.toBeNull();
  });

  /** A date `days` from today (UTC), as the API and date fields write it. */
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  interface PoBody { id: number; status: string; lines: { id: number; sku: string; quantity: number; received: number; cancelled: number; unitCost: number; expectedOn: string }[] }

  /** A supplier, items and a purchase order of theirs through the API; `send` sends it. */
  async function purchaseOrder(supplier: string, lines: readonly { sku: string; quantity: number; expectedOn?: string }[], options: { send?: boolean } = {}): Promise<PoBody> {
    if ((await server.api('GET', `/suppliers/${supplier}`)).status === 404) {
      expect((await server.api('POST', '/suppliers', { code: supplier, name: `Supplier ${supplier}`, leadTimeDays: 7 })).status).toBe(201);
    }
    for (const line of lines) {
      if ((await server.api('GET', `/items/${line.sku}`)).status === 404) {
        expect((await server.api('POST', '/items', { sku: line.sku, name: `Item ${line.sku}`, backorderPolicy: 'allow', unitCost: 500 })).status).toBe(201);
      }
    }
    const po = await server.api<PoBody>('POST', '/purchase-orders', { supplier, lines });
    expect(po.status).toBe(201);
    if (options.send) expect((await server.api('POST', `/purchase-orders/${po.body.id}/send`, {})).status).toBe(200);
    return po.body;
  }

  const readPo = (id: number) => server.api<PoBody>('GET', `/purchase-orders/${id}`).then((r) => r.body);

  it('changes, removes and adds lines of a draft PO, then sends it', async () => {
    const draft = await purchaseOrder('E2E-DRAFT', [{ sku: 'E2E-DL1', quantity: 4 }, { sku: 'E2E-DL2', quantity: 2 }]);
    const watched = await page();
    watched.allow(/status of 400/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing?po=${draft.id}`);
    const lines = watched.page.getByRole('form', { name: `Lines of PO ${draft.id}` });
    const units = lines.getByLabel('Line 1 E2E-DL1: units ordered');
    await expect.poll(() => units.inputValue(), WAIT).toBe('4');
    // Read on its own, the order says which lines break the supplier's terms (here: no terms at all).
    expect(await watched.page.getByTestId('terms-warnings').textContent()).toContain('E2E-DL1: E2E-DRAFT has no terms for this item');
    await units.fill('0');
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await expectMarkedInvalid(units, /Line 1 \(E2E-DL1\): units must be a whole number, at least 1/);
    await units.fill('6');
    await lines.getByLabel('Line 1 E2E-DL1: unit cost').fill('5.25');
    await lines.getByLabel('Line 1 E2E-DL1: expected on').fill(inDays(20));
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await lines.getByText(`Saved PO ${draft.id}: 1 line(s) changed.`).waitFor(WAIT);
    expect((await readPo(draft.id)).lines[0]).toMatchObject({ sku: 'E2E-DL1', quantity: 6, unitCost: 525, expectedOn: inDays(20) });

    await lines.getByRole('button', { name: 'Remove Line 2 E2E-DL2' }).click();
    await lines.getByText(`Removed line 2 (E2E-DL2) from draft PO ${draft.id}.`).waitFor(WAIT);
    await expect.poll(async () => (await readPo(draft.id)).lines.map((l) => l.sku), WAIT).toEqual(['E2E-DL1']);
    // The notice comes before the order is read again; under CI load the count could run first.
    await expect.poll(() => lines.getByLabel('Line 2 E2E-DL2: units ordered').count(), WAIT).toBe(0);

    // A line of an item nobody has: the API's refusal names lines[0].sku, the form's own sku field.
    await watched.page.getByText('Add a line', { exact: true }).click();
    const add = watched.page.getByRole('form', { name: `Add a line to PO ${draft.id}` });
    await add.getByLabel('Sku').fill('E2E-NOBODY');
    await add.getByLabel('Units').fill('3');
    await add.getByRole('button', { name: 'Add line' }).click();
    await add.getByText(/no item with sku E2E-NOBODY/).waitFor(WAIT);
    await expectMarkedInvalid(add.getByLabel('Sku'), /no item with sku E2E-NOBODY/);
    await add.getByLabel('Sku').fill('E2E-DL2');
    await add.getByLabel('Unit cost (empty: the supplier’s)').fill('4.00');
    await add.getByLabel('Expected on (empty: lead time)').fill(inDays(30));
    await add.getByRole('button', { name: 'Add line' }).click();
    await add.getByText(`Added E2E-DL2 to draft PO ${draft.id}.`).waitFor(WAIT);
    await expect.poll(async () => (await readPo(draft.id)).lines.at(-1), WAIT).toMatchObject({ sku: 'E2E-DL2', quantity: 3, unitCost: 400, expectedOn: inDays(30) });
    await lines.getByLabel(/^Line \d+ E2E-DL2: units ordered$/).waitFor(WAIT);
    await watched.screenshot('draft-po-edited');

    await lines.getByRole('button', { name: 'Send to supplier' }).click();
    await expect.poll(async () => (await readPo(draft.id)).status, WAIT).toBe('ordered');
    await watched.page.getByText(`PO ${draft.id} sent to`).waitFor(WAIT);

    // Sent from the list of drafts, which it leaves: the list says so, where it stays in view.
    const other = await purchaseOrder('E2E-DRAFT', [{ sku: 'E2E-DL1', quantity: 1 }]);
    await watched.page.goto(`${server.url}/#/purchasing?status=draft`);
    await watched.page.getByRole('form', { name: `Lines of PO ${other.id}` }).getByRole('button', { name: 'Send to supplier' }).click();
    await watched.page.getByText(`PO ${other.id} sent to`).waitFor(WAIT);
    await expect.poll(() => watched.page.getByRole('form', { name: `Lines of PO ${other.id}` }).count(), WAIT).toBe(0);
    await watched.page.getByText(`PO ${other.id} sent to`).waitFor(WAIT);
  });

  it('offers a supplier just added in the purchase-order form without a reload', async () => {
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByText('Create a purchase order').click();
    const form = watched.page.getByRole('form', { name: 'New purchase order' });
    await form.getByLabel('Supplier').waitFor(WAIT);
    const supplier = watched.page.getByRole('form', { name: 'Add a supplier' });
    await supplier.getByLabel('Code').fill('E2E-FRESH');
    await supplier.getByLabel('Name').fill('Fresh Supplies');
    await supplier.getByRole('button', { name: 'Add supplier' }).click();
    await watched.page.getByText('Supplier Fresh Supplies added.').waitFor(WAIT);
    await expect.poll(() => form.getByLabel('Supplier').locator('option', { hasText: 'Fresh Supplies (E2E-FRESH)' }).count(), WAIT).toBe(1);
  });

  it("moves a sent PO's expected date and changes its units as far as receipts allow", async () => {
    const sku = 'E2E-SL1';
    const po = await purchaseOrder('E2E-SENT', [{ sku, quantity: 5, expectedOn: inDays(10) }, { sku: 'E2E-SL2', quantity: 4, expectedOn: inDays(10) }], { send: true });
    const waiting = await server.api<{ id: number }>('POST', '/orders', { customer: { name: 'Waits for the moved date' }, lines: [{ sku, quantity: 2 }] });
    expect(waiting.status).toBe(201);
    expect((await server.api('POST', `/purchase-orders/${po.id}/receipts`, { location: 'MAIN', lines: [{ sku: 'E2E-SL2', quantity: 1 }] })).status).toBe(201);
    const watched = await page();
    watched.allow(/status of 409/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing?po=${po.id}`);
    const lines = watched.page.getByRole('form', { name: `Lines of PO ${po.id}` });
    // The supplier moved the first line: the waiting order's promise date follows it.
    await lines.getByLabel(`Line 1 ${sku}: expected on`).fill(inDays(25));
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await lines.getByText(/Promise dates of waiting backorders follow/).waitFor(WAIT);
    expect((await readPo(po.id)).lines[0]).toMatchObject({ expectedOn: inDays(25), quantity: 5 });
    expect((await server.api<{ lines: { eta: string | null }[] }>('GET', `/orders/${waiting.body.id}`)).body.lines[0]?.eta).toBe(inDays(25));

    const second = lines.getByLabel('Line 2 E2E-SL2: units ordered');
    await second.fill('0');
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await expectMarkedInvalid(second, /at least the 1 already received/);
    // Two more arrive while the page shows one received: the API refuses its lines[0], the form's second line.
    expect((await server.api('POST', `/purchase-orders/${po.id}/receipts`, { location: 'MAIN', lines: [{ sku: 'E2E-SL2', quantity: 2 }] })).status).toBe(201);
    await second.fill('2');
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await lines.getByText(/3 units of lineId \d+ \(E2E-SL2\) were already received/).waitFor(WAIT);
    await expectMarkedInvalid(second, /already received/);
    expect(await lines.getByLabel(`Line 1 ${sku}: units ordered`).getAttribute('aria-invalid')).toBeNull();
    await second.fill('3');
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await readPo(po.id)).lines[1], WAIT).toMatchObject({ quantity: 3, received: 3 });
    // Complete now, the line's figures are no longer fields; the open one's still are.
    await expect.poll(() => lines.getByLabel('Line 2 E2E-SL2: units ordered').count(), WAIT).toBe(0);
    expect(await lines.getByLabel(`Line 1 ${sku}: units ordered`).count()).toBe(1);
    expect(await lines.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    // The supplier will not send the first line: its rest is cancelled, and with nothing left to come the order closes.
    watched.acceptDialogs();
    await lines.getByRole('button', { name: `Cancel the rest of Line 1 ${sku}` }).click();
    await watched.page.getByRole('status').filter({ hasText: `Cancelled the 5 units of line 1 (${sku}) still to come. PO ${po.id} is received now.` }).waitFor(WAIT);
    expect(watched.dialogs.at(-1)).toMatch(/Cancel the 5 units of line 1 \(E2E-SL1\) not received yet\?/);
    expect(await readPo(po.id)).toMatchObject({ status: 'received', lines: [{ received: 0, cancelled: 5 }, { received: 3, cancelled: 0 }] });
    const card = watched.page.locator(`article[data-po="${po.id}"]`);
    await card.getByText('5 cancelled', { exact: true }).waitFor(WAIT);
    expect(await card.locator('input').count()).toBe(0);
  });

  it('keeps what was typed into a PO form after a save, while the order is read back', async () => {
    const po = await purchaseOrder('E2E-SENT', [{ sku: 'E2E-KT1', quantity: 5, expectedOn: inDays(10) }, { sku: 'E2E-KT2', quantity: 4, expectedOn: inDays(10) }], { send: true });
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing?po=${po.id}`);
    const lines = watched.page.getByRole('form', { name: `Lines of PO ${po.id}` });
    await lines.getByLabel('Line 1 E2E-KT1: expected on').fill(inDays(20));
    // The order's read after the save is held until the second line is typed.
    const reads = await holdReads(watched, `/purchase-orders/${po.id}`);
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await lines.getByText(/Promise dates of waiting backorders follow/).waitFor(WAIT);
    await lines.getByLabel('Line 2 E2E-KT2: units ordered').fill('7');
    await reads.release();
    expect(await lines.getByLabel('Line 2 E2E-KT2: units ordered').inputValue()).toBe('7');
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await readPo(po.id)).lines.map((l) => [l.quantity, l.expectedOn]), WAIT).toEqual([[5, inDays(20)], [7, inDays(10)]]);
  });

  it('cancels a partly received PO and a draft after asking, saying what becomes of received units', async () => {
    const sent = await purchaseOrder('E2E-CNL', [{ sku: 'E2E-CN1', quantity: 5, expectedOn: inDays(10) }], { send: true });
    expect((await server.api('POST', `/purchase-orders/${sent.id}/receipts`, { location: 'MAIN', lines: [{ sku: 'E2E-CN1', quantity: 2 }] })).status).toBe(201);
    const draft = await purchaseOrder('E2E-CNL', [{ sku: 'E2E-CN1', quantity: 1 }]);
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing?po=${sent.id}`);
    await watched.page.getByText('Cancel this PO').click();
    const cancel = watched.page.getByRole('form', { name: `Cancel PO ${sent.id}` });
    await cancel.getByText('Its 3 open units stop counting as incoming').waitFor(WAIT);
    await cancel.getByLabel('Reason (optional)').fill('Supplier stopped making it');
    // Asked and dismissed: nothing changes.
    await cancel.getByRole('button', { name: `Cancel PO ${sent.id}` }).click();
    await expect.poll(() => watched.dialogs.length, WAIT).toBe(1);
    expect(watched.dialogs[0]).toMatch(/The 2 units already received stay in stock, and the order closes as received/);
    expect((await readPo(sent.id)).status).toBe('partially_received');
    watched.acceptDialogs();
    const asked = watched.page.waitForRequest((r) => r.url().endsWith(`/purchase-orders/${sent.id}/cancel`));
    await cancel.getByRole('button', { name: `Cancel PO ${sent.id}` }).click();
    expect((await asked).postDataJSON()).toEqual({ reason: 'Supplier stopped making it' });
    // Two units came: the order closes as received, its rest cancelled, as cancelling the line's rest would.
    await watched.page.getByRole('status').filter({ hasText: `The rest of PO ${sent.id} to Supplier E2E-CNL is cancelled; it is received now.` }).waitFor(WAIT);
    expect(await readPo(sent.id)).toMatchObject({ status: 'received', lines: [{ received: 2, cancelled: 3 }] });
    await expect.poll(() => watched.page.locator(`article[data-po="${sent.id}"] [data-status]`).getAttribute('data-status'), WAIT).toBe('received');
    expect(await watched.page.getByText('Cancel this PO').count()).toBe(0);

    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.locator(`article[data-po="${draft.id}"]`).getByText('Cancel this PO').click();
    await watched.page.getByRole('form', { name: `Cancel PO ${draft.id}` }).getByRole('button', { name: `Cancel PO ${draft.id}` }).click();
    await watched.page.getByRole('status').filter({ hasText: `PO ${draft.id} to Supplier E2E-CNL is cancelled` }).waitFor(WAIT);
    expect(watched.dialogs.at(-1)).toMatch(/never sent/);
    expect((await readPo(draft.id)).status).toBe('cancelled');
    // The draft left the open orders; the notice stays to say what happened.
    await expect.poll(() => watched.page.locator(`article[data-po="${draft.id}"]`).count(), WAIT).toBe(0);
  });

  it('links suppliers to an item and changes the links, on the item page and on the Purchasing page', async () => {
    const sku = 'E2E-LNK';
    expect((await server.api('POST', '/items', { sku, name: 'Linked lamp', unitCost: 300 })).status).toBe(201);
    expect((await server.api('POST', '/suppliers', { code: 'E2E-LA', name: 'Lamps A', leadTimeDays: 9 })).status).toBe(201);
    expect((await server.api('POST', '/suppliers', { code: 'E2E-LB', name: 'Lamps B', leadTimeDays: 3 })).status).toBe(201);
    const links = () => server.api<{ items: { supplier: string }[] }>('GET', `/item-suppliers?sku=${sku}`).then((r) => r.body.items);
    const watched = await page();
    watched.allow(/status of 409/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items/${sku}`);
    await watched.page.getByText('No supplier is linked to this item').waitFor(WAIT);
    await watched.page.getByText('Link a supplier to this item').click();
    const create = watched.page.getByRole('form', { name: `Link a supplier to ${sku}` });
    await create.getByLabel('Supplier', { exact: true }).selectOption('E2E-LA');
    await create.getByLabel('Supplier’s own sku (optional)').fill('LA-77');
    await create.getByLabel('Unit cost (empty: the item’s)').fill('3,5');
    await create.getByRole('button', { name: 'Link supplier' }).click();
    await expectMarkedInvalid(create.getByLabel('Unit cost (empty: the item’s)'), /Unit cost must be an amount/);
    await create.getByLabel('Unit cost (empty: the item’s)').fill('3.50');
    await create.getByLabel('Minimum order (empty: 1)').fill('10');
    await create.getByLabel('Pack size (empty: 1)').fill('5');
    // The item's first supplier is offered as its preferred one.
    expect(await create.getByLabel(/^Preferred supplier of the item/).isChecked()).toBe(true);
    await create.getByRole('button', { name: 'Link supplier' }).click();
    await create.getByText(`Linked ${sku} to E2E-LA as its preferred supplier.`).waitFor(WAIT);
    await expect.poll(() => create.getByLabel(/^Preferred supplier of the item/).isChecked(), WAIT).toBe(false);
    expect(await links()).toEqual([{ sku, supplier: 'E2E-LA', supplierSku: 'LA-77', unitCost: 350, leadTimeDays: null, effectiveLeadTimeDays: 9, moq: 10, packSize: 5, preferred: true }]);
    // A second supplier made preferred takes the flag from the first, and the first row shows it.
    await create.getByLabel('Supplier', { exact: true }).selectOption('E2E-LB');
    await create.getByLabel(/^Preferred supplier of the item/).check();
    await create.getByRole('button', { name: 'Link supplier' }).click();
    const preferredA = watched.page.getByLabel('E2E-LA: preferred');
    await expect.poll(() => preferredA.isChecked(), WAIT).toBe(false);
    expect(await watched.page.getByLabel('E2E-LB: preferred').isChecked()).toBe(true);

    await watched.page.getByLabel('E2E-LA: lead time in days (empty: the supplier’s)').fill('4');
    await watched.page.getByLabel('E2E-LA: pack size').fill('0');
    await watched.page.getByRole('button', { name: 'Save link to E2E-LA' }).click();
    await expectMarkedInvalid(watched.page.getByLabel('E2E-LA: pack size'), /Pack size must be a whole number of at least 1/);
    await watched.page.getByLabel('E2E-LA: pack size').fill('6');
    await watched.page.getByRole('button', { name: 'Save link to E2E-LA' }).click();
    await watched.page.getByText(`Saved the link of ${sku} to E2E-LA.`).waitFor(WAIT);
    expect((await links()).find((l) => l.supplier === 'E2E-LA')).toMatchObject({ leadTimeDays: 4, effectiveLeadTimeDays: 4, packSize: 6, moq: 10, preferred: false });
    await watched.screenshot('item-supplier-links');

    // From the supplier's side: linking the same item again is refused, and the sku field is marked.
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByRole('button', { name: 'Show items of E2E-LA' }).click();
    await watched.page.getByRole('link', { name: sku }).waitFor(WAIT);
    await watched.page.getByText('Link an item to this supplier').click();
    const bySupplier = watched.page.getByRole('form', { name: 'Link an item to E2E-LA' });
    await bySupplier.getByLabel('Item sku').fill(sku);
    await bySupplier.getByRole('button', { name: 'Link item' }).click();
    await bySupplier.getByText(/already linked/).waitFor(WAIT);
    await expectMarkedInvalid(bySupplier.getByLabel('Item sku'), /already linked/);
    await watched.page.getByLabel(`${sku}: minimum order`).fill('12');
    await watched.page.getByRole('button', { name: `Save link to ${sku}` }).click();
    await expect.poll(async () => (await links()).find((l) => l.supplier === 'E2E-LA'), WAIT).toMatchObject({ moq: 12 });

    // The supplier stops offering it: removing the link asks first, and the row goes.
    watched.acceptDialogs();
    await watched.page.getByRole('button', { name: `Remove link to ${sku}` }).click();
    await watched.page.getByText(`Removed the link of ${sku} to E2E-LA.`).waitFor(WAIT);
    expect(watched.dialogs.at(-1)).toMatch(/Purchase orders already made keep their lines/);
    await watched.page.getByText('No item is linked to this supplier').waitFor(WAIT);
    expect((await links()).map((l) => l.supplier)).toEqual(['E2E-LB']);
  });

  it('imports purchase orders from a CSV file, and lists every bad row when it refuses one', async () => {
    await purchaseOrder('E2E-IMP', [{ sku: 'E2E-IM1', quantity: 1 }, { sku: 'E2E-IM2', quantity: 1 }]);
    const before = await server.api<{ items: unknown[] }>('GET', '/purchase-orders?supplier=E2E-IMP&limit=200');
    const watched = await page();
    watched.allow(/status of 400/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByText('Import purchase orders from a CSV file').click();
    const form = watched.page.getByRole('form', { name: 'Import purchase orders' });
    const file = form.getByLabel('CSV file');
    await form.getByRole('button', { name: 'Import' }).click();
    await expectMarkedInvalid(file, /Choose a CSV file/);
    const csv = (rows: readonly string[]) => ({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(['supplier,sku,quantity,unitCost,expectedOn,reference', ...rows].join('\n')) });
    await file.setInputFiles(csv(['E2E-IMP,E2E-IM1,5,,,IMP-1', 'E2E-IMP,E2E-IM2,none,,,IMP-1', `E2E-IMP,E2E-IM1,1,,tomorrow,IMP-2`]));
    await form.getByRole('button', { name: 'Import' }).click();
    const errors = form.getByTestId('import-errors');
    await errors.waitFor(WAIT);
    expect(await errors.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^3quantitymust be a whole number/),
      expect.stringMatching(/^4expectedOnmust be a date/),
    ]);
    await expectMarkedInvalid(file, /Nothing was imported: 2 problem/);
    expect((await server.api<{ items: unknown[] }>('GET', '/purchase-orders?supplier=E2E-IMP&limit=200')).body.items).toHaveLength(before.body.items.length);

    await file.setInputFiles(csv(['E2E-IMP,E2E-IM1,5,,,IMP-1', `E2E-IMP,E2E-IM2,2,725,${inDays(14)},IMP-1`, 'E2E-IMP,E2E-IM1,1,,,IMP-2']));
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText(/^Imported 3 row\(s\) as 2 draft purchase order\(s\): PO \d+ \(Supplier E2E-IMP\), PO \d+ \(Supplier E2E-IMP\)\.$/).waitFor(WAIT);
    expect(await form.getByTestId('import-errors').count()).toBe(0);
    const after = await server.api<{ items: { status: string; reference: string | null; lines: { sku: string; quantity: number; unitCost: number; expectedOn: string }[] }[] }>('GET', '/purchase-orders?supplier=E2E-IMP&status=draft&limit=200');
    const imported = after.body.items.find((po) => po.reference === 'IMP-1');
    expect(imported?.lines).toMatchObject([{ sku: 'E2E-IM1', quantity: 5 }, { sku: 'E2E-IM2', quantity: 2, unitCost: 725, expectedOn: inDays(14) }]);
    expect(after.body.items.find((po) => po.reference === 'IMP-2')?.lines).toMatchObject([{ sku: 'E2E-IM1', quantity: 1 }]);
    await watched.screenshot('po-import');
  });

  it('imports items from a CSV file: a refused file names its bad row and imports nothing; a good one is checked, then imported, with its discontinue warning', async () => {
    expect((await server.api('POST', '/items', { sku: 'E2E-CSVW', name: 'Waited-for whisk', backorderPolicy: 'allow', unitPrice: 800 })).status).toBe(201);
    expect((await server.api('POST', '/orders', { customer: { name: 'Whisk waiter' }, lines: [{ sku: 'E2E-CSVW', quantity: 1 }] })).status).toBe(201);
    const watched = await page();
    watched.allow(/status of 400/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items?search=E2E-CSV`);
    await watched.page.locator('tr[data-sku="E2E-CSVW"]').waitFor(WAIT);
    await watched.page.getByText('Import items from CSV').click();
    const form = watched.page.getByRole('form', { name: 'Import items' });
    await form.getByText('leadTimeDays, substitutes, discontinued').waitFor(WAIT);
    const file = form.getByLabel('CSV file');
    const csv = (rows: readonly string[]) => ({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(['sku,name,unitPrice,backorderPolicy,discontinued', ...rows].join('\n')) });
    // Saved as Latin-1 (a spreadsheet's plain CSV): refused before it is sent, by line.
    await file.setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from('sku,name\nE2E-CSV1,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]) });
    await form.getByRole('button', { name: 'Import' }).click();
    await expectMarkedInvalid(file, /latin1\.csv: line 2 is not UTF-8 text: save the file as "CSV UTF-8"/);
    await file.setInputFiles(csv(['E2E-CSV1,Imported mug,450,allow,', 'E2E-CSV2,Imported jug,-9,deny,']));
    await form.getByRole('button', { name: 'Import' }).click();
    const errors = form.getByTestId('import-errors');
    await errors.waitFor(WAIT);
    expect(await errors.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^3unitPrice\S/)]);
    await expectMarkedInvalid(file, /Nothing was imported: 1 problem/);
    expect((await server.api('GET', '/items/E2E-CSV1')).status).toBe(404);

    const good = csv(['E2E-CSV1,Imported mug,450,allow,', 'E2E-CSV2,Imported jug,900,deny,', 'E2E-CSVW,,,,true']);
    await file.setInputFiles(good);
    await form.getByLabel(/Check only/).check();
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Checked 3 row(s), nothing imported: importing would create 2 item(s), update 1 and leave 0 unchanged.').waitFor(WAIT);
    expect((await server.api('GET', '/items/E2E-CSV1')).status).toBe(404);
    await form.getByLabel(/Check only/).uncheck();
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Imported 3 row(s): 2 item(s) created, 1 updated, 0 unchanged.').waitFor(WAIT);
    expect(await form.getByTestId('import-warnings').textContent()).toMatch(/Line 4: E2E-CSVW is discontinued, but 1 unit .* still waits for it/);
    await watched.page.locator('tr[data-sku="E2E-CSV2"]').getByText('Imported jug').waitFor(WAIT);
    expect((await server.api('GET', '/items/E2E-CSV1')).body).toMatchObject({ name: 'Imported mug', unitPrice: 450, backorderPolicy: 'allow' });
    await watched.screenshot('items-import');
  });

  it('imports a stock count from CSV, skipping a bad row when asked, and fills the order waiting for the item', async () => {
    expect((await server.api('POST', '/items', { sku: 'E2E-COUNT', name: 'Counted candle', backorderPolicy: 'allow', unitPrice: 600 })).status).toBe(201);
    const waiting = await server.api<{ id: number; status: string }>('POST', '/orders', { customer: { name: 'Candle waiter' }, lines: [{ sku: 'E2E-COUNT', quantity: 2 }] });
    expect(waiting.body.status).toBe('backordered');
    const watched = await page();
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items`);
    await watched.page.getByText('Import a stock count from CSV').click();
    const form = watched.page.getByRole('form', { name: 'Import a stock count' });
    await form.getByLabel('CSV file').setInputFiles({ name: 'count.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,location,count,reason\nE2E-COUNT,MAIN,5,cycle count\nE2E-COUNT,NOWHERE,1,\n') });
    await form.getByLabel(/Skip bad rows/).check();
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText(/^Imported 2 row\(s\): 1 count\(s\) changed stock on hand and 0 matched it already; 1 bad row\(s\) were skipped \(listed below\)\. 2 unit\(s\) filled waiting backorders, in queue order\.$/).waitFor(WAIT);
    expect(await form.getByTestId('import-skipped').locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^3location/)]);
    const order = await server.api<{ status: string; lines: { allocated: number; backordered: number }[] }>('GET', `/orders/${waiting.body.id}`);
    expect(order.body).toMatchObject({ status: 'open', lines: [{ allocated: 2, backordered: 0 }] });
    expect((await server.api<{ onHand: number }>('GET', '/items/E2E-COUNT')).body.onHand).toBe(5);
  });

  it('imports past demand from CSV: a refusal counts every bad row and lists the first thousand; skipping them imports the rest', async () => {
    expect((await server.api('POST', '/items', { sku: 'E2E-DEM', name: 'Demand kettle', backorderPolicy: 'allow', unitPrice: 700 })).status).toBe(201);
    const watched = await page();
    watched.allow(/status of 400/);
    await signIn(watched.page, server.url, server.adminKey);
    await watched.page.goto(`${server.url}/#/items`);
    await watched.page.getByText('Import past demand from CSV').click();
    const form = watched.page.getByRole('form', { name: 'Import past demand' });
    const file = form.getByLabel('CSV file');
    const bad = Array.from({ length: 1_200 }, (_, i) => `E2E-DEM,2025-01-06,${i}.5`);
    const demand = { name: 'demand.csv', mimeType: 'text/csv', buffer: Buffer.from(['sku,date,quantity', 'E2E-DEM,2025-01-05,3', 'E2E-DEM,2025-01-05,2', ...bad].join('\n')) };
    await file.setInputFiles(demand);
    await form.getByRole('button', { name: 'Import' }).click();
    const errors = form.getByTestId('import-errors');
    await errors.waitFor(WAIT);
    expect(await errors.locator('caption').textContent()).toBe('Nothing was imported: 1,200 problem(s) to fix in the file, the first 1,000 listed');
    expect(await errors.locator('tbody tr').count()).toBe(1_000);
    expect(await errors.locator('tbody tr').first().textContent()).toMatch(/^4quantitymust be a whole number, not "0\.5"$/);
    await file.setInputFiles(demand);
    await form.getByLabel(/Skip bad rows/).check();
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Imported 2 of 1,202 row(s): 1 day(s) added, 0 changed, 0 unchanged; 1,200 bad row(s) were skipped (listed below).').waitFor(WAIT);
    expect(await form.getByTestId('import-skipped').locator('caption').textContent()).toBe('Skipped, not imported: 1,200 bad row(s), the first 1,000 listed');
    const history = await server.api<{ totals: { imported: number } }>('GET', '/items/E2E-DEM/demand?from=2025-01-05&to=2025-01-06&bucket=day');
    expect(history.body.totals.imported).toBe(5);
  });

  it('shows a viewer key purchase orders and supplier links with no way to change them', async () => {
    const draft = await purchaseOrder('E2E-VSUP', [{ sku: 'E2E-VPO', quantity: 2 }]);
    const sent = await purchaseOrder('E2E-VSUP', [{ sku: 'E2E-VPO', quantity: 3 }], { send: true });
    expect((await server.api('POST', '/suppliers/E2E-VSUP/items', { sku: 'E2E-VPO', supplierSku: 'V-1' })).status).toBe(201);
    const viewer = await server.api<{ key: string }>('POST', '/keys', { name: 'e2e purchasing viewer', role: 'viewer' });
    const watched = await page(); // fails on any console error, so also on a refused (403) request
    await signIn(watched.page, server.url, viewer.body.key);
    for (const po of [draft, sent]) {
      await watched.page.goto(`${server.url}/#/purchasing?po=${po.id}`);
      const card = watched.page.locator(`article[data-po="${po.id}"]`);
      await card.getByRole('link', { name: 'E2E-VPO' }).waitFor(WAIT);
      await card.getByTestId('read-only').waitFor(WAIT);
      expect(await card.locator('input, select, button').count()).toBe(0);
    }
    await watched.page.goto(`${server.url}/#/purchasing`);
    await watched.page.getByText('sign in with an operator or admin key to create, import, change or cancel purchase orders').waitFor(WAIT);
    expect(await watched.page.getByText('Import purchase orders from a CSV file').count()).toBe(0);
    await watched.page.getByRole('button', { name: 'Show items of E2E-VSUP' }).click();
    const links = watched.page.getByTestId('supplier-links');
    await links.getByText('V-1').waitFor(WAIT);
    expect(await links.locator('input, button').count()).toBe(0);
    expect(await watched.page.getByText('Link an item to this supplier').count()).toBe(0);
    await watched.page.goto(`${server.url}/#/items/E2E-VPO`);
    await watched.page.getByTestId('supplier-links').getByText('V-1').waitFor(WAIT);
    await watched.page.getByText('sign in with an operator or admin key to link suppliers and items or change their links').waitFor(WAIT);
    expect(await watched.page.getByTestId('supplier-links').locator('input, button').count()).toBe(0);
  });

  it('keeps a purchase order and supplier links usable on a phone screen', async () => {
    const draft = await purchaseOrder('E2E-PHONE', [{ sku: 'E2E-PH1', quantity: 2 }, { sku: 'E2E-PH2', quantity: 1 }]);
    expect((await server.api('POST', '/suppliers/E2E-PHONE/items', { sku: 'E2E-PH1', supplierSku: 'PHONE-1' })).status).toBe(201);
    const watched = await page(390);
    await signIn(watched.page, server.url, server.adminKey);
    const onScreen = async (control: Locator) => {
      const box = await control.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    };
    await watched.page.goto(`${server.url}/#/purchasing?po=${draft.id}`);
    const lines = watched.page.getByRole('form', { name: `Lines of PO ${draft.id}` });
    await lines.getByLabel('Line 2 E2E-PH2: units ordered').waitFor(WAIT);
    await watched.page.waitForLoadState('networkidle');
    expect(await watched.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    for (const control of await lines.locator('input, button').all()) await onScreen(control);
    await lines.getByLabel('Line 2 E2E-PH2: units ordered').fill('4');
    await lines.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await readPo(draft.id)).lines[1]?.quantity, WAIT).toBe(4);
    await watched.screenshot('phone-purchase-order');
    await watched.page.goto(`${server.url}/#/items/E2E-PH1`);
    const links = watched.page.getByTestId('supplier-links');
    await links.getByLabel('E2E-PHONE: supplier sku').waitFor(WAIT);
    await watched.page.waitForLoadState('networkidle');
    expect(await watched.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    for (const control of await links.locator('input, button').all()) await onScreen(control);
    await watched.screenshot('phone-supplier-links');
  });

  it('says a page could not be downloaded, instead of a blank screen, and a reload brings it back', async () => {
    const watched = await page();
    // The 404 of the page's file, and React's report of the error the boundary caught.
    watched.allow(/status of 404|dynamically imported module|error occurred in|PageBoundary/);
    await signIn(watched.page, server.url, server.adminKey);
    // As for a tab opened before an upgrade: the settings page's file is no longer on the server.
    await watched.page.route(/\/assets\/settings-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await watched.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await watched.page.getByRole('heading', { name: 'This page could not be downloaded' }).waitFor(WAIT);
    expect(await watched.page.getByRole('alert').textContent()).toMatch(/upgraded.*nothing you saved is lost/);
    await watched.screenshot('page-download-failed');
    // The other pages still work, and once the file is back a reload shows the page.
    await watched.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await watched.page.getByRole('heading', { name: 'Orders', exact: true }).waitFor(WAIT);
    await watched.page.unroute(/\/assets\/settings-[^/]*\.js$/);
    await watched.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await watched.page.getByRole('button', { name: 'Reload the dashboard' }).click();
    await watched.page.getByRole('heading', { name: 'Settings' }).first().waitFor(WAIT);
    expect(await watched.page.getByRole('heading', { name: 'This page could not be downloaded' }).count()).toBe(0);
  });
});
