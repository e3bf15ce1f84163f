import type { Command } from 'commander';
import { addPurchaseOrderLines, removePurchaseOrderLine } from '../../app/purchasing/change-draft-lines.js';
import { cancelPurchaseOrder } from '../../app/purchasing/cancel-purchase-order.js';
import { createPurchaseOrder } from '../../app/purchasing/create-purchase-order.js';
import { importPurchaseOrders, type ImportRowError } from '../../app/purchasing/import-purchase-orders.js';
import { getPurchaseOrder, listPurchaseOrders } from '../../app/purchasing/list-purchase-orders.js';
import type { PurchaseOrderView } from '../../app/purchasing/purchase-order-view.js';
import { wasReplayed } from '../../app/once-per-key.js';
import { receivePurchaseOrder } from '../../app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../app/purchasing/send-purchase-order.js';
import { updatePurchaseOrder } from '../../app/purchasing/update-purchase-order.js';
import { idArgument, lineArguments, numeric } from '../args.js';
import { action, badInput, CliFailure, unwrap } from '../context.js';
import { readTextFile } from '../csv.js';
import { cell, instant, money, withCursor } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderFields, renderTable } from '../table.js';

/** `restock po create|add-lines|remove-line|send|receive|edit|cancel|get|list|import`. */
export function poCommand(program: Command): void {
  const po = program.command('po').description('purchase orders: draft → ordered → partially_received → received, or cancelled');

  po
    .command('create <supplier> [lines...]')
    .description('create a draft; lines are SKU:QUANTITY or SKU:QUANTITY@YYYY-MM-DD (default date: today + lead time)')
    .option('--reference <text>', 'your or the supplier\'s order number')
    .option('--send', 'send it at once (its lines become incoming supply)')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry creates nothing')
    .action(action(async (ctx, supplier: string, lines: string[], options: { reference?: string; send?: boolean; idempotencyKey?: string }) => {
      const store = await ctx.store();
      const requested = lineArguments(lines, { withLocation: true }).map(({ sku, quantity, location }) => ({ sku, quantity, ...(location !== undefined ? { expectedOn: location } : {}) }));
      const input = { supplier, lines: requested, ...(options.reference !== undefined ? { reference: options.reference } : {}) };
      const created = await createPurchaseOrder(store, input, ctx.actor, { send: options.send === true, idempotencyKey: options.idempotencyKey });
      const order = unwrap(created);
      const said = wasReplayed(created)
        ? `replayed: purchase order ${order.id} was created before under this key; nothing was created again (it was then ${order.status})`
        : `${options.send ? 'created and sent' : 'created draft'} purchase order ${order.id}`;
      ctx.print(order, () => `${said}\n\n${renderPurchaseOrder(order)}`);
    }));

  po
    .command('add-lines <id> <lines...>')
    .description('add lines to a draft; lines are SKU:QUANTITY or SKU:QUANTITY@YYYY-MM-DD, as for create')
    .action(action(async (ctx, id: string, lines: string[]) => {
      const requested = lineArguments(lines, { withLocation: true }).map(({ sku, quantity, location }) => ({ sku, quantity, ...(location !== undefined ? { expectedOn: location } : {}) }));
      const order = unwrap(await addPurchaseOrderLines(await ctx.store(), idArgument('id', id), { lines: requested }, ctx.actor));
      ctx.print(order, () => `added ${requested.length === 1 ? 'a line' : `${requested.length} lines`} to purchase order ${order.id}\n\n${renderPurchaseOrder(order)}`);
    }));

  po
    .command('remove-line <id> <lineId>')
    .description('remove a line from a draft (its id, as "po get" shows it); a sent order keeps its lines')
    .action(action(async (ctx, id: string, lineId: string) => {
      const order = unwrap(await removePurchaseOrderLine(await ctx.store(), idArgument('id', id), idArgument('lineId', lineId), ctx.actor));
      ctx.print(order, () => `removed line ${lineId} from purchase order ${order.id}\n\n${renderPurchaseOrder(order)}`);
    }));

  po
    .command('send <id>')
    .description('send a draft to its supplier: its lines become incoming supply and back promise dates')
    .action(action(async (ctx, id: string) => {
      const order = unwrap(await sendPurchaseOrder(await ctx.store(), idArgument('id', id), ctx.actor));
      ctx.print(order, () => `sent purchase order ${order.id} to ${order.supplier}\n\n${renderPurchaseOrder(order)}`);
    }));

  po
    .command('receive <id> <lines...>')
    .description('receive units into a location; lines are SKU:QUANTITY (spread over the sku\'s open lines) or #LINE_ID:QUANTITY')
    .requiredOption('--location <code>', 'where the goods go')
    .option('--received-on <date>', 'the day they arrived (YYYY-MM-DD, default today)')
    .option('--allow-over-receipt', 'accept more than is still open')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry receives nothing')
    .action(action(async (ctx, id: string, lines: string[], options: { location: string; receivedOn?: string; allowOverReceipt?: boolean; idempotencyKey?: string }) => {
      const requested = lineArguments(lines).map(({ sku, quantity }) => (sku.startsWith('#') ? { lineId: numeric(sku.slice(1)), quantity } : { sku, quantity }));
      const input: Record<string, unknown> = { location: options.location, lines: requested };
      if (options.receivedOn !== undefined) input['receivedOn'] = options.receivedOn;
      if (options.allowOverReceipt) input['allowOverReceipt'] = true;
      const received = await receivePurchaseOrder(await ctx.store(), idArgument('id', id), input, ctx.actor, { idempotencyKey: options.idempotencyKey });
      // The use case names the API's field; on the command line it is a flag.
      const result = unwrap(received.ok ? received : { ...received, message: received.message.replace('set allowOverReceipt', 'add --allow-over-receipt') });
      const units = result.receipts.reduce((sum, r) => sum + r.quantity, 0);
      const said = wasReplayed(received)
        ? `replayed: these ${units} units were received into ${options.location} before; nothing was received again (purchase order ${result.purchaseOrder.id} was then ${result.purchaseOrder.status})`
        : `received ${units} units into ${options.location} (purchase order ${result.purchaseOrder.id} is ${result.purchaseOrder.status})`;
      ctx.print(result, () => `${said}\n\n${renderPurchaseOrder(result.purchaseOrder)}`);
    }));

  po
    .command('edit <id>')
    .description('change the reference, or one open line\'s quantity, unit cost or expected date, or cancel what is left of it on a sent order')
    .option('--line <lineId>', 'the line to change (its id, as "po get" shows it)')
    .option('--quantity <n>', 'new quantity (not below what was received)')
    .option('--unit-cost <minor>', 'new unit cost in minor units')
    .option('--expected-on <date>', 'new expected date (YYYY-MM-DD, today or later, at most 3650 days out)')
    .option('--cancel-remaining', 'the supplier will not send the rest of the line: its units not received are cancelled')
    .option('--reference <text>', 'new reference')
    .action(action(async (ctx, id: string, options: { line?: string; quantity?: string; unitCost?: string; expectedOn?: string; cancelRemaining?: boolean; reference?: string }) => {
      const input: Record<string, unknown> = {};
      if (options.reference !== undefined) input['reference'] = options.reference;
      if (options.line === undefined && ((options.quantity ?? options.unitCost ?? options.expectedOn) !== undefined || options.cancelRemaining)) {
        badInput('line', 'give --line with --quantity, --unit-cost, --expected-on or --cancel-remaining (the line ids are in "restock po get")');
      }
      if (options.line !== undefined) {
        const change: Record<string, unknown> = { lineId: idArgument('line', options.line) };
        if (options.quantity !== undefined) change['quantity'] = numeric(options.quantity);
        if (options.unitCost !== undefined) change['unitCost'] = numeric(options.unitCost);
        if (options.expectedOn !== undefined) change['expectedOn'] = options.expectedOn;
        if (options.cancelRemaining) change['cancelRemaining'] = true;
        input['lines'] = [change];
      }
      const order = unwrap(await updatePurchaseOrder(await ctx.store(), idArgument('id', id), input, ctx.actor));
      ctx.print(order, () => `updated purchase order ${order.id}\n\n${renderPurchaseOrder(order)}`);
    }));

  po
    .command('cancel <id>')
    .description('cancel what is still open; units already received stay (an order that received any closes as received)')
    .option('--reason <text>', 'why (sent with the po.cancelled event)')
    .action(action(async (ctx, id: string, options: { reason?: string }) => {
      const order = unwrap(await cancelPurchaseOrder(await ctx.store(), idArgument('id', id), options, ctx.actor));
      const said = order.status === 'cancelled' ? `cancelled purchase order ${order.id}` : `cancelled the rest of purchase order ${order.id}; it is ${order.status} now`;
      ctx.print(order, () => `${said}\n\n${renderPurchaseOrder(order)}`);
    }));

  po
    .command('get <id>')
    .description('a purchase order with its lines and receipts')
    .action(action(async (ctx, id: string) => {
      const order = unwrap(await getPurchaseOrder(await ctx.store(), idArgument('id', id)));
      ctx.print(order, () => renderPurchaseOrder(order));
    }));

  po
    .command('list')
    .description('purchase orders, newest first')
    .option('--status <status>', 'draft, ordered, partially_received, received, cancelled, or open (not yet closed: draft, ordered or partially received)')
    .option('--supplier <code>', 'only this supplier')
    .option('--sku <sku>', 'only orders with a line for this sku')
    .option('--limit <n>', 'at most this many (1–500, default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page gave it')
    .action(action(async (ctx, options: { status?: string; supplier?: string; sku?: string; limit?: string; cursor?: string }) => {
      const page = unwrapSelected(await listPurchaseOrders(await ctx.store(), { ...options, limit: numeric(options.limit) as number | undefined }));
      ctx.print(page, () =>
        withCursor(page, page.items.length === 0
          ? 'no purchase orders'
          : renderTable(
              [{ header: 'id', align: 'right' }, { header: 'supplier' }, { header: 'reference' }, { header: 'status' }, { header: 'created' }, { header: 'ordered', align: 'right' }, { header: 'received', align: 'right' }, { header: 'open', align: 'right' }, { header: 'next due' }],
              page.items.map((o) => [
                String(o.id), o.supplier, cell(o.reference), o.status, instant(o.createdAt), String(o.totals.quantity), String(o.totals.received), String(o.totals.open),
                cell(o.lines.filter((l) => l.open > 0).map((l) => l.expectedOn).sort()[0]),
              ]),
            )),
      );
    }));

  po
    .command('import <file>')
    .description('create purchase orders from CSV: supplier,sku,quantity[,unitCost,expectedOn,reference]; rows of one supplier and reference make one order')
    .option('--send', 'send the imported orders at once')
    .action(action(async (ctx, file: string, options: { send?: boolean }) => {
      // As every other import: a file that cannot be read, or is not UTF-8, is bad input (exit 2).
      const text = await readTextFile(file);
      const result = await importPurchaseOrders(await ctx.store(), text, ctx.actor, { send: options.send === true });
      if (!result.ok) {
        const errors = (result.details as { problems?: ImportRowError[] } | undefined)?.problems ?? [];
        throw new CliFailure(result, errors.map((e) => `  line ${e.line}, ${e.field}: ${e.message}`).join('\n') || undefined);
      }
      const { rows, purchaseOrders } = result.value;
      ctx.print(result.value, () => `imported ${rows} rows into ${purchaseOrders.length} purchase order${purchaseOrders.length === 1 ? '' : 's'}: ${purchaseOrders.map((o) => `${o.id} (${o.supplier}, ${o.status})`).join(', ')}`);
    }));
}

function renderPurchaseOrder(order: PurchaseOrderView): string {
  const header = renderFields([
    ['purchase order', String(order.id)],
    ['supplier', `${order.supplier} (${order.supplierName})`],
    ['reference', cell(order.reference)],
    ['status', order.status],
    ['created', order.createdAt],
    ['ordered', cell(order.orderedAt)],
    ['closed', cell(order.closedAt)],
    ['total cost', `${money(order.totals.cost)}${order.totals.cancelled > 0 ? ` (not counting ${order.totals.cancelled} cancelled units)` : ''}`],
  ]);
  const lines = order.lines.length === 0
    ? 'no lines'
    : renderTable(
        [{ header: 'line', align: 'right' }, { header: 'id', align: 'right' }, { header: 'sku' }, { header: 'qty', align: 'right' }, { header: 'received', align: 'right' }, { header: 'cancelled', align: 'right' }, { header: 'open', align: 'right' }, { header: 'unit cost', align: 'right' }, { header: 'expected' }, { header: 'promised' }],
        order.lines.map((l) => [String(l.lineNo), String(l.id), l.sku, String(l.quantity), String(l.received), String(l.cancelled), String(l.open), money(l.unitCost), l.expectedOn, cell(l.promisedOn)]),
      );
  const receipts = order.receipts && order.receipts.length > 0
    ? `\n\nreceipts\n${renderTable(
        [{ header: 'received on' }, { header: 'sku' }, { header: 'qty', align: 'right' }, { header: 'location' }, { header: 'by' }],
        order.receipts.map((r) => [r.receivedOn, r.sku, String(r.quantity), r.location, r.actor]),
      )}`
    : '';
  const warnings = order.warnings && order.warnings.length > 0 ? `\n\nwarnings\n${order.warnings.map((w) => `  ${w.message}`).join('\n')}` : '';
  return `${header}\n\n${lines}${receipts}${warnings}`;
}
