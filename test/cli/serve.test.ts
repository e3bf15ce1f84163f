import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase, restock, spawnRestock, succeeded } from './support/cli.js';

describe('restock serve and keys (SQLite)', { timeout: 180_000 }, () => {
  const cli = cliDatabase('sqlite');
  const { run } = cli;

  it('serves the API, prints a first admin key once, honours CLI-made keys and stops on SIGTERM', async () => {
    const server = spawnRestock({ ...cli.database.env, RESTOCK_LOG_LEVEL: 'silent' }, ['serve', '--port', '0']);
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const deadline = Date.now() + 120_000;
      while (!/admin key[^\n]*\n\s+rk_\S+/.test(output) && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const admin = /\n\s+(rk_\S+)/.exec(output)?.[1];
      expect(url, output).toBeDefined();
      expect(output).toContain(`API        ${url}/api/v1`);
      expect((await fetch(`${url}/api/v1/items`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);

      const created = succeeded(await run('--json', 'keys', 'create', '--name', 'shop front', '--role', 'viewer')).json<{ id: number; key: string; role: string }>();
      expect(created.role).toBe('viewer');
      const viewer = { authorization: `Bearer ${created.key}` };
      expect((await fetch(`${url}/api/v1/items`, { headers: viewer })).status).toBe(200);
      const refused = await fetch(`${url}/api/v1/items`, { method: 'POST', headers: { ...viewer, 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'X', name: 'X' }) });
      expect(refused.status).toBe(403);
      const listed = succeeded(await run('keys', 'list'));
      expect(listed.stdout).toMatch(/shop front\s+viewer/);
      expect(listed.stdout).not.toContain(created.key);
      succeeded(await run('keys', 'revoke', String(created.id)));
      expect((await fetch(`${url}/api/v1/items`, { headers: viewer })).status).toBe(401);
      const last = await run('keys', 'revoke', '1');
      expect(last.code).toBe(1);
      expect(last.stderr).toMatch(/^error CONFLICT: key 1 is the last active admin key/);
    } finally {
      server.kill('SIGTERM');
    }
    const [code] = (await once(server, 'exit')) as [number | null];
    expect(code).toBe(0);
    // Started from another folder, it still finds its own dashboard build.
    // With --json, stdout holds only the JSON answer: the request log (on by default) goes to stderr.
    const second = spawnRestock(cli.database.env, ['--json', 'serve', '--port', '0'], tmpdir());
    let json = '';
    second.stdout.on('data', (chunk: Buffer) => (json += chunk.toString('utf8')));
    try {
      const deadline = Date.now() + 120_000;
      while (!json.includes('}') && Date.now() < deadline && second.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      const started = JSON.parse(json) as { api: string; bootstrapKey: string | null };
      expect(started).toMatchObject({ bootstrapKey: null, api: expect.stringMatching(/\/api\/v1$/) });
      const dashboard = await fetch(started.api.replace(/\/api\/v1$/, '/'));
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain('<div id="root"></div>');
    } finally {
      second.kill('SIGTERM');
    }
    await once(second, 'exit');
    expect(JSON.parse(json)).toMatchObject({ bootstrapKey: null });
  });

  it('says when its port is taken, exit 2, and withdraws the first admin key it could not show', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'restock-serve-')), 'fresh.db');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as AddressInfo).port);
    try {
      const taken = await restock({ RESTOCK_SQLITE_PATH: fresh }, 'serve', '--port', port);
      expect({ code: taken.code, stderr: taken.stderr }).toEqual({ code: 2, stderr: `error VALIDATION_FAILED: port: ${port} is already in use on 127.0.0.1: stop what listens there, or choose another port\n` });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // The next start on that database makes a first admin key again, and shows it.
    const keys = await restock({ RESTOCK_SQLITE_PATH: fresh }, '--json', 'keys', 'list');
    expect(keys.json<{ items: { name: string; revokedAt: string | null }[] }>().items).toEqual([expect.objectContaining({ name: 'bootstrap admin', revokedAt: expect.any(String) })]);
    const host = await restock({ RESTOCK_SQLITE_PATH: fresh }, 'serve', '--port', '0', '--host', '192.0.2.1');
    expect({ code: host.code, stderr: host.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: host: 192.0.2.1 is not an address of this machine\n' });
  });

  it('makes no first admin key of its own when RESTOCK_ADMIN_KEY gives one', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'restock-serve-')), 'fresh.db');
    const env = { RESTOCK_SQLITE_PATH: fresh, RESTOCK_ADMIN_KEY: 'rk_given-by-the-operator-0123456789', RESTOCK_LOG_LEVEL: 'silent' };
    const server = spawnRestock(env, ['--json', 'serve', '--port', '0']);
    let json = '';
    server.stdout.on('data', (chunk: Buffer) => (json += chunk.toString('utf8')));
    try {
      const deadline = Date.now() + 60_000;
      while (!json.includes('}') && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      expect(JSON.parse(json)).toMatchObject({ bootstrapKey: null });
    } finally {
      server.kill('SIGTERM');
    }
    await once(server, 'exit');
    const keys = await restock({ RESTOCK_SQLITE_PATH: fresh }, '--json', 'keys', 'list');
    expect(keys.json<{ items: { name: string }[] }>().items.map((k) => k.name)).toEqual(['admin (RESTOCK_ADMIN_KEY)']);
  });

  it('refuses a bad port with exit 2', async () => {
    const result = await run('serve', '--port', 'eighty');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error VALIDATION_FAILED: port: must be a whole number from 0 to 65535\n');
  });

  it('schedules the nightly plan with its worker, so refuses a bad RESTOCK_PLAN_HOUR before writing anything', async () => {
    // A fresh database: refusing a setting must not create it, nor spend its first admin key unseen.
    const fresh = join(mkdtempSync(join(tmpdir(), 'restock-serve-')), 'fresh.db');
    for (const [name, value, message] of [
      ['RESTOCK_PLAN_HOUR', '25', 'must be an hour from 0 to 23, or "off"'],
      ['RESTOCK_RATE_LIMIT', 'lots', 'must be a whole number of requests per minute, 1 or more, or "off"'],
      ['RESTOCK_LOG_LEVEL', 'chatty', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ] as const) {
      const bad = await restock({ RESTOCK_SQLITE_PATH: fresh, [name]: value }, 'serve', '--port', '0');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(`error VALIDATION_FAILED: ${name}: ${message}\n`);
    }
    expect(existsSync(fresh)).toBe(false);
  });
});
