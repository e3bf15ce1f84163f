import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PurchaseOrderView } from '../../src/app/purchasing/purchase-order-view.js';
import { cliDatabase } from '../cli/support/cli.js';

describe('restock suppliers and restock po (SQLite)', () => {
  const cli = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow', '--lead-time-days', '10'],
    ['items', 'create', 'GADGET', '--name', 'Gadget'],
  ]);
  const { run } = cli;
  const ok = async <T>(...args: string[]) => {
    const result = await run('--json', ...args);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.json<T>();
  };

  it('manages suppliers and links, with tables for people and JSON for scripts', async () => {
    expect(await ok('suppliers', 'create', 'ACME', '--name', 'Acme Parts', '--email', 'buy@acme.test', '--lead-time-days', '12')).toMatchObject({ code: 'ACME', leadTimeDays: 12 });
    expect(await ok('suppliers', 'link', 'ACME', 'WIDGET', '--unit-cost', '450', '--moq', '10', '--preferred')).toMatchObject({ sku: 'WIDGET', unitCost: 450, moq: 10, preferred: true });
    expect(await ok('suppliers', 'update', 'ACME', '--lead-time-days', '9')).toMatchObject({ leadTimeDays: 9 });
    const table = await run('suppliers', 'list');
    expect(table.stdout).toMatch(/^code\s+name\s+email\s+lead time$/m);
    expect(table.stdout).toMatch(/ACME\s+Acme Parts\s+buy@acme\.test\s+9 d/);
    expect((await run('suppliers', 'show', 'ACME')).stdout).toMatch(/WIDGET\s+ACME\s+–\s+4\.50\s+9 d\s+10\s+1\s+yes/);
    const bad = await run('suppliers', 'create', 'BOLT', '--name', 'Bolt', '--lead-time-days', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error VALIDATION_FAILED: leadTimeDays: must be a whole number');
  });

  it('creates, sends, receives in part and cancels purchase orders', async () => {
    const draft = await ok<PurchaseOrderView>('po', 'create', 'ACME', 'WIDGET:6@2030-12-01', 'GADGET:2', '--reference', 'R-1');
    expect(draft).toMatchObject({ status: 'draft', reference: 'R-1', lines: [{ sku: 'WIDGET', quantity: 6, expectedOn: '2030-12-01' }, { sku: 'GADGET', quantity: 2 }] });
    expect(await ok('po', 'send', String(draft.id))).toMatchObject({ status: 'ordered' });
    const received = await ok<{ purchaseOrder: PurchaseOrderView }>('po', 'receive', String(draft.id), 'WIDGET:4', `#${draft.lines[1]?.id}:2`, '--location', 'MAIN');
    expect(received.purchaseOrder).toMatchObject({ status: 'partially_received', totals: { received: 6, open: 2 } });
    const over = await run('po', 'receive', String(draft.id), 'WIDGET:3', '--location', 'MAIN');
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('error CONFLICT: lines[0].quantity: only 2 units of WIDGET are still open');
    expect(over.stderr).toContain('add --allow-over-receipt to take more');
    const lineless = await run('po', 'edit', String(draft.id), '--quantity', '5');
    expect({ code: lineless.code, stderr: lineless.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: line: give --line with --quantity/) });
    expect((await run('po', 'get', String(draft.id))).stdout).toMatch(/receipts\nreceived on\s+sku\s+qty\s+location\s+by/);
    // Six units came: cancelling the rest closes the order as received.
    const cancelled = await run('po', 'cancel', String(draft.id), '--reason', 'enough');
    expect(cancelled.stdout).toMatch(new RegExp(`^cancelled the rest of purchase order ${draft.id}; it is received now$`, 'm'));
    expect(await ok('po', 'get', String(draft.id))).toMatchObject({ status: 'received', totals: { received: 6, cancelled: 2, open: 0 } });
    const refused = await run('po', 'receive', String(draft.id), 'WIDGET:1', '--location', 'MAIN');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`purchase order ${draft.id} is closed (what came was received, the rest cancelled)`);
    const page = await ok<{ items: PurchaseOrderView[] }>('po', 'list', '--supplier', 'ACME');
    expect(page.items.map((o) => o.status)).toEqual(['received']);
    expect((await run('po', 'list')).stdout).toMatch(/^id\s+supplier\s+reference\s+status\s+created\s+ordered\s+received\s+open\s+next due$/m);
    expect((await run('suppliers', 'scorecard')).stdout).toMatch(/ACME\s+2\s+6\s+100\.0%\s+0\.0\s+–\s+75\.0%/);
  });

  it('edits a line named by --line, sent as lineId', async () => {
    await ok('suppliers', 'create', 'EDITS', '--name', 'Edits Ltd', '--lead-time-days', '5');
    const draft = await ok<PurchaseOrderView>('po', 'create', 'EDITS', 'GADGET:3');
    const lineId = String(draft.lines[0]?.id);
    expect(await ok('po', 'edit', String(draft.id), '--line', lineId, '--quantity', '7')).toMatchObject({ lines: [{ quantity: 7 }] });
    const missing = await run('po', 'edit', String(draft.id), '--line', '99999', '--quantity', '1');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 2, stderr: `error VALIDATION_FAILED: lines[0].lineId: purchase order ${draft.id} has no line 99999\n` });
    // Lines are added to and removed from a draft from the command line too.
    const added = await ok<PurchaseOrderView>('po', 'add-lines', String(draft.id), 'WIDGET:4', 'WIDGET:2@2031-01-15');
    expect(added.lines.map((l) => [l.sku, l.quantity])).toEqual([['GADGET', 7], ['WIDGET', 4], ['WIDGET', 2]]);
    expect(added.lines[2]?.expectedOn).toBe('2031-01-15');
    const removed = await ok<PurchaseOrderView>('po', 'remove-line', String(draft.id), lineId);
    expect(removed.lines.map((l) => [l.sku, l.quantity])).toEqual([['WIDGET', 4], ['WIDGET', 2]]);
    const unknown = await run('po', 'add-lines', String(draft.id), 'NOPE:1');
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: lines[0].sku: no item with sku NOPE\n' });
    await ok('po', 'send', String(draft.id));
    const sent = await run('po', 'add-lines', String(draft.id), 'WIDGET:1');
    expect(sent.code).toBe(1);
    expect(sent.stderr).toMatch(/^error CONFLICT: .*adding lines/);
  });

  it('refuses an expected date further out than the longest lead time, on create, edit and import', async () => {
    const created = await run('po', 'create', 'ACME', 'GADGET:10@9999-12-31');
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: lines\[0\]\.expectedOn: 9999-12-31 is more than 3650 days away/) });
    const draft = await ok<PurchaseOrderView>('po', 'create', 'ACME', 'GADGET:10');
    const edited = await run('po', 'edit', String(draft.id), '--line', String(draft.lines[0]?.id), '--expected-on', '9999-12-31');
    expect({ code: edited.code, stderr: edited.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: lines\[0\]\.expectedOn: 9999-12-31 is more than 3650 days away/) });
    const far = join(cli.database.sqlitePath as string, '..', 'far.csv');
    writeFileSync(far, 'supplier,sku,quantity,expectedOn\nACME,GADGET,10,9999-12-31\n');
    const imported = await run('po', 'import', far);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('  line 2, expectedOn: 9999-12-31 is more than 3650 days away');
  });

  it('lists open purchase orders, drafts among them, as its help says', async () => {
    const help = await run('po', 'list', '--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('or open (not yet closed: draft, ordered or partially received)');
    const draft = await ok<PurchaseOrderView>('po', 'create', 'ACME', 'GADGET:1');
    const open = await ok<{ items: PurchaseOrderView[] }>('po', 'list', '--status', 'open', '--limit', '500');
    expect(open.items.find((o) => o.id === draft.id)).toMatchObject({ status: 'draft' });
  });

  it('creates a purchase order once per --idempotency-key, and refuses a reference the supplier already has', async () => {
    const first = await run('po', 'create', 'ACME', 'GADGET:4', '--reference', 'CLI-REF-1', '--idempotency-key', 'cli-po-1');
    expect(first.code).toBe(0);
    const id = /^created draft purchase order (\d+)$/m.exec(first.stdout)?.[1];
    expect(id).toBeDefined();
    const again = await run('po', 'create', 'ACME', 'GADGET:4', '--reference', 'CLI-REF-1', '--idempotency-key', 'cli-po-1');
    expect({ code: again.code, said: again.stdout.split('\n')[0] }).toEqual({ code: 0, said: `replayed: purchase order ${id} was created before under this key; nothing was created again (it was then draft)` });
    const repeated = await run('po', 'create', 'ACME', 'GADGET:4', '--reference', 'CLI-REF-1');
    expect({ code: repeated.code, stderr: repeated.stderr }).toEqual({ code: 1, stderr: `error CONFLICT: reference: ACME already has purchase order ${id} with reference CLI-REF-1\n` });
    const listed = await ok<{ items: PurchaseOrderView[] }>('po', 'list', '--supplier', 'ACME', '--limit', '500');
    expect(listed.items.filter((o) => o.reference === 'CLI-REF-1').map((o) => o.id)).toEqual([Number(id)]);
  });

  it('imports purchase orders from CSV, reporting every bad row', async () => {
    const good = join(cli.database.sqlitePath as string, '..', 'good.csv');
    const bad = join(cli.database.sqlitePath as string, '..', 'bad.csv');
    writeFileSync(good, 'supplier,sku,quantity,expectedOn\nACME,WIDGET,5,2030-12-10\nACME,GADGET,1,\n');
    writeFileSync(bad, 'supplier,sku,quantity,expectedOn\nACME,WIDGET,-5,2030-12-10\nACME,GADGET,1,tomorrow\n');
    const refused = await run('po', 'import', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('  line 2, quantity: must be a whole number');
    expect(refused.stderr).toContain('  line 3, expectedOn: must be a date written YYYY-MM-DD');
    // A file that is not UTF-8 is refused, as by every other import, not imported with U+FFFD for its letters.
    const latin1 = join(cli.database.sqlitePath as string, '..', 'latin1.csv');
    writeFileSync(latin1, Buffer.from('supplier,sku,quantity,expectedOn,reference\nACME,WIDGET,5,,Caf\xe9\n', 'latin1'));
    const encoding = await run('po', 'import', latin1);
    expect({ code: encoding.code, stderr: encoding.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: file: line 2 is not UTF-8 text/) });
    const imported = await ok<{ rows: number; purchaseOrders: PurchaseOrderView[] }>('po', 'import', good, '--send');
    expect(imported).toMatchObject({ rows: 2, purchaseOrders: [{ status: 'ordered', lines: [{ sku: 'WIDGET' }, { sku: 'GADGET' }] }] });
  });
});
