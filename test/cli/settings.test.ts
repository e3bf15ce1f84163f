import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, spawnRestock, type CliResult } from './support/cli.js';

/**
 * Runs the built CLI to its end, or stops it after `ms` (a server that started although it should
 * have refused): its exit code is then -1.
 */
function runBriefly(env: Record<string, string>, args: readonly string[], ms = 5_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnRestock(env, args);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T });
    });
  });
}

/** [command, variable, value, the refusal after "VARIABLE: "] */
const BAD_SETTINGS: readonly (readonly [readonly string[], string, string, string])[] = [
  [['items', 'list'], 'RESTOCK_SQLITE_SYNCHRONOUS', 'FUL', 'must be one of FULL, NORMAL, OFF'],
  [['items', 'list'], 'RESTOCK_PG_POOL_SIZE', 'abc', 'must be a whole number, 1 or more'],
  [['items', 'list'], 'RESTOCK_PG_POOL_SIZE', '0', 'must be a whole number, 1 or more'],
  [['items', 'list'], 'RESTOCK_SQLITE_BUSY_TIMEOUT_MS', '5s', 'must be a whole number of milliseconds from 0 to 2147483647'],
  [['items', 'list'], 'RESTOCK_PG_CONNECT_TIMEOUT_MS', '5s', 'must be a whole number of milliseconds from 0 to 2147483647'],
  [['items', 'list'], 'RESTOCK_PG_STATEMENT_TIMEOUT_MS', '-1', 'must be a whole number of milliseconds from 0 to 2147481647'],
  // The client's wait, 2 s longer, would not fit a timer: Node would fire it at once and fail every query.
  [['items', 'list'], 'RESTOCK_PG_STATEMENT_TIMEOUT_MS', '2147483647', 'must be a whole number of milliseconds from 0 to 2147481647'],
  [['items', 'list'], 'RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL', 'everyone', 'must be on or off (or true/false, yes/no, 1/0)'],
  [['items', 'list'], 'RESTOCK_DEBUG', 'verbose', 'must be on or off (or true/false, yes/no, 1/0)'],
  [['serve', '--port', '0'], 'RESTOCK_WORKER', 'maybe', 'must be on or off (or true/false, yes/no, 1/0)'],
  [['serve', '--port', '0', '--no-worker'], 'RESTOCK_WEBHOOK_ALLOW_LOOPBACK', 'enabled', 'must be on or off (or true/false, yes/no, 1/0)'],
  [['serve', '--port', '0'], 'RESTOCK_CORS_ORIGINS', 'not-a-url', 'not-a-url is not a web origin; give scheme, host and optional port, such as https://shop.example.com'],
  [['serve', '--port', '0'], 'RESTOCK_CORS_ORIGINS', 'https://shop.example.com/shop', 'https://shop.example.com/shop is not a web origin; give scheme, host and optional port, such as https://shop.example.com'],
  [['serve', '--port', '0'], 'RESTOCK_SMTP_URL', 'garbage', 'must be an absolute smtp:// or smtps:// URL, such as smtps://user:password@mail.example.com'],
  [['serve', '--port', '0'], 'RESTOCK_PUBLIC_URL', 'shop', 'must be an absolute http:// or https:// URL, such as https://shop.example.com'],
  [['serve', '--port', '0'], 'RESTOCK_WEBHOOK_MAX_ATTEMPTS', '0', 'must be a whole number, 1 or more'],
  [['serve', '--port', '0'], 'PORT', 'eighty', 'must be a whole number from 0 to 65535'],
  [['worker'], 'RESTOCK_WEBHOOK_MAX_ATTEMPTS', 'abc', 'must be a whole number, 1 or more'],
  [['worker'], 'RESTOCK_SMTP_PORT', 'twenty-five', 'must be a whole number from 1 to 65535'],
  [['worker'], 'RESTOCK_MAIL_MAX_AGE_DAYS', '-1', 'must be a whole number of days, 0 or more'],
  [['worker'], 'RESTOCK_SMTP_SECURE', 'tls', 'must be on or off (or true/false, yes/no, 1/0)'],
  [['webhooks', 'add', 'https://hooks.example.com/x'], 'RESTOCK_WEBHOOK_ALLOW_PRIVATE', 'sure', 'must be on or off (or true/false, yes/no, 1/0)'],
];

describe('settings from the environment', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  it('refuses a bad value at start, naming the variable, exit 2, before any database is made', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'restock-settings-'));
    const outcomes = [];
    for (const [args, name, value] of BAD_SETTINGS) {
      const fresh = join(folder, `${name}-${value}.db`);
      const refused = await runBriefly({ RESTOCK_SQLITE_PATH: fresh, RESTOCK_LOG_LEVEL: 'silent', [name]: value }, args);
      outcomes.push({ setting: `${name}=${value}`, code: refused.code, stderr: refused.stderr, madeTheDatabase: existsSync(fresh) });
    }
    expect(outcomes).toEqual(BAD_SETTINGS.map(([, name, value, reason]) => (
      { setting: `${name}=${value}`, code: 2, stderr: `error VALIDATION_FAILED: ${name}: ${reason}\n`, madeTheDatabase: false }
    )));
  });
});
