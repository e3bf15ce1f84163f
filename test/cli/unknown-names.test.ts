import { describe, expect, it } from 'vitest';
import { cliDatabase } from './support/cli.js';

/** Every command that picks what it lists, reports, exports or plans by a sku, location, supplier or endpoint. */
const PICKED_BY_NAME: readonly (readonly string[])[] = [
  ['backorders', 'NOPE'],
  ['availability', 'WIDGET', 'NOPE'],
  ['orders', 'list', '--sku', 'NOPE'],
  ['stock', 'list', '--sku', 'NOPE'],
  ['stock', 'list', '--location', 'NOWHERE'],
  ['stock', 'movements', '--sku', 'NOPE'],
  ['stock', 'movements', '--location', 'NOWHERE'],
  ['kpis', '--sku', 'NOPE'],
  ['export', 'stock', '--sku', 'NOPE'],
  ['export', 'stock', '--location', 'NOWHERE'],
  ['export', 'orders', '--sku', 'NOPE'],
  ['export', 'movements', '--sku', 'NOPE'],
  ['export', 'movements', '--location', 'NOWHERE'],
  ['forecast', 'NOPE'],
  ['plan', 'NOPE'],
  ['plan', '--draft', 'NOPE'],
  ['demand', 'show', 'NOPE'],
  ['demand', 'show', 'WIDGET', '--location', 'NOWHERE'],
  ['simulate', '--sku', 'NOPE'],
  ['po', 'list', '--supplier', 'NOBODY'],
  ['po', 'list', '--sku', 'NOPE'],
  ['suppliers', 'links', '--sku', 'NOPE'],
  ['suppliers', 'links', '--supplier', 'NOBODY'],
  ['suppliers', 'scorecard', 'NOBODY'],
  ['webhooks', 'dead', '--endpoint', '999'],
  ['webhooks', 'replay', '--endpoint', '999'],
];

describe('a sku, location, supplier or endpoint that names nothing (SQLite)', { timeout: 300_000 }, () => {
  const { run } = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow'],
    ['suppliers', 'create', 'ACME', '--name', 'Acme', '--email', 'orders@acme.example', '--lead-time-days', '5'],
    ['suppliers', 'link', 'ACME', 'WIDGET'],
  ]);

  it('is bad input (VALIDATION_FAILED naming it, exit 2) in every command that lists, reports, exports or plans by it', async () => {
    const answers = [];
    for (const args of PICKED_BY_NAME) {
      const refused = await run('--json', ...args);
      const unknown = args.find((arg) => ['NOPE', 'NOWHERE', 'NOBODY', '999'].includes(arg)) as string;
      const error = (JSON.parse(refused.stderr || '{}') as { error?: { code: string; message: string } }).error;
      answers.push({ args: args.join(' '), code: refused.code, error: error?.code, named: error?.message.includes(unknown) });
    }
    expect(answers).toEqual(PICKED_BY_NAME.map((args) => ({ args: args.join(' '), code: 2, error: 'VALIDATION_FAILED', named: true })));
  });

  it('says so in words, without --json', async () => {
    const forecast = await run('forecast', 'NOPE');
    expect({ code: forecast.code, stderr: forecast.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: sku: no item with sku NOPE\n' });
    const purchaseOrders = await run('po', 'list', '--supplier', 'NOBODY');
    expect({ code: purchaseOrders.code, stderr: purchaseOrders.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: supplier: no supplier with code NOBODY\n' });
  });

  it('is NOT_FOUND (exit 1) only for the one record a command shows or changes', async () => {
    for (const args of [['items', 'get', 'NOPE'], ['suppliers', 'show', 'NOBODY'], ['orders', 'get', '999'], ['po', 'get', '999']]) {
      const missing = await run('--json', ...args);
      expect({ args, code: missing.code, error: (JSON.parse(missing.stderr) as { error: { code: string } }).error.code }).toEqual({ args, code: 1, error: 'NOT_FOUND' });
    }
  });

  it('documents the rule with the exit codes in --help', async () => {
    const help = await run('--help');
    expect(help.stdout).toMatch(/2\s+bad input .*\n(.*\n)*.*a sku, location, supplier or endpoint/);
  });
});
