import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO } from './restock-server.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Without Chromium the browser tests are skipped on a developer machine, and fail under CI=true. */
export const SKIP_BROWSER = !existsSync(CHROMIUM) && process.env['CI'] !== 'true';
const SCREENSHOTS = join(REPO, '.tmp/screenshots');

/** Headless Chromium with the flags a container needs; throws (so the suite fails) when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required for the end-to-end tests and is not at ${CHROMIUM} (set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, uncaught page errors and dialogs seen so far. */
  readonly problems: string[];
  readonly dialogs: string[];
  /** Lets console errors matching `pattern` pass (a test that expects a refused request says so). */
  allow(pattern: RegExp): void;
  /** Accept (rather than dismiss) confirm dialogs from now on. */
  acceptDialogs(): void;
  screenshot(name: string): Promise<void>;
}

/** A fresh page (own session storage) that records every console error, page error and dialog. */
export async function openPage(browser: Browser, width = 1280, timezoneId?: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...(timezoneId ? { timezoneId } : {}) });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  const allowed: RegExp[] = [];
  let accept = false;
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.some((a) => a.test(message.text()))) problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (accept && dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    problems,
    dialogs,
    allow: (pattern) => { allowed.push(pattern); },
    acceptDialogs: () => { accept = true; },
    screenshot: async (name) => { await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }); },
  };
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
