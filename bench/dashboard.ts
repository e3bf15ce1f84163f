import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { QUICK, report } from './machine.js';
import { median } from './median.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(REPO, 'dist/src/cli/main.js');
const WEB = join(REPO, 'web/dist');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const MONTHS = QUICK ? 3 : 24;
const RUNS = QUICK ? 3 : 7;

/**
 * The dashboard's production bundle (gzip) and the time from opening the Overview to its KPI
 * tiles showing figures, over `restock demo` data on a real `restock serve`, in headless
 * Chromium with a cold cache each run. Baseline: loading the API docs page (/api/docs).
 */
async function main(): Promise<void> {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
  const bundle = bundleSize();
  const folder = mkdtempSync(join(tmpdir(), 'restock-bench-dashboard-'));
  const adminKey = `rk_bench_dashboard_${randomBytes(16).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, RESTOCK_SQLITE_PATH: join(folder, 'restock.db'), RESTOCK_ADMIN_KEY: adminKey, RESTOCK_LOG_LEVEL: 'silent' };
  delete env['DATABASE_URL'];
  const demo = spawnSync(process.execPath, [CLI, 'demo', '--months', String(MONTHS), '--json'], { cwd: REPO, env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`restock demo failed: ${demo.stderr}`);
  const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let browser: Browser | undefined;
  try {
    const url = await listening(server.stdout);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const overview: number[] = [];
    const docs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      overview.push(await timeOverview(browser, url, adminKey));
      docs.push(await timeDocs(browser, url));
    }
    const value = median(overview);
    const baseline = median(docs);
    report({
      name: 'dashboard',
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(2)),
      params: { what: 'Overview load to KPI figures, cold cache, median', demoMonths: MONTHS, runs: RUNS, quick: QUICK },
      extra: { bundleGzipBytes: bundle.gzip, bundleBytes: bundle.raw, overviewRunsMs: overview.map(Math.round), apiDocsRunsMs: docs.map(Math.round) },
    });
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Bytes of every file the browser fetches for the dashboard (html, js, css), raw and gzipped one by one. */
function bundleSize(): { raw: number; gzip: number } {
  const files = [join(WEB, 'index.html'), ...readdirSync(join(WEB, 'assets')).map((f) => join(WEB, 'assets', f))];
  return files.reduce((sum, file) => {
    const content = readFileSync(file);
    return { raw: sum.raw + content.length, gzip: sum.gzip + gzipSync(content, { level: 9 }).length };
  }, { raw: 0, gzip: 0 });
}

async function timeOverview(browser: Browser, url: string, key: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(`sessionStorage.setItem('restock.apiKey', ${JSON.stringify(key)})`);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(`${url}/`);
  // A locator, not a page function: the dashboard's CSP forbids evaluating strings.
  await page.locator('[data-figure="fillRate"] .tile-value').filter({ hasText: /%|—/ }).waitFor({ timeout: 60_000 });
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}

async function timeDocs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(`${url}/api/docs`, { waitUntil: 'load' });
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}


function listening(stdout: NodeJS.ReadableStream | null): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('restock serve did not start within 60 s')), 60_000);
    stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        done((JSON.parse(out) as { url: string }).url.replace(/\/$/, ''));
        clearTimeout(timer);
      } catch {
        // not the whole start-up object yet
      }
    });
  });
}

await main();
