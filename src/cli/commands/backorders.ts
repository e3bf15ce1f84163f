import type { Command } from 'commander';
import { backorderQueue, type QueuePosition } from '../../app/backorder-queue.js';
import { cancelItemBackorders } from '../../app/cancel-item-backorders.js';
import { wasReplayed } from '../../app/once-per-key.js';
import { listBackorders } from '../../app/list-backorders.js';
import { numeric } from '../args.js';
import { action, badInput, unwrap } from '../context.js';
import { cell, eta, instant, withCursor } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

/**
 * `restock backorders [SKU]` (or `--item SKU`, for a sku named like a subcommand): one item's queue
 * in serving order, or every waiting line, oldest first; `restock backorders cancel --sku SKU
 * --reason TEXT` cancels every waiting unit of an item.
 */
export function backordersCommand(program: Command): void {
  const backorders = program
    .command('backorders [sku]')
    .description("an item's backorder queue in serving order (priority, then time placed); without a sku, every waiting line, oldest first")
    // Not --sku: commander would take 'backorders cancel --sku X' as this command's option.
    .option('--item <sku>', "the item whose queue to show, as the argument does; needed for a sku that reads as a subcommand ('restock backorders --item cancel')")
    .option('--limit <n>', 'without a sku: at most this many lines (1–500, default 50)')
    .option('--cursor <cursor>', 'without a sku: the next page, as the previous page gave it')
    .action(action(async (ctx, argument: string | undefined, options: { item?: string; limit?: string; cursor?: string }) => {
      if (argument !== undefined && options.item !== undefined && argument !== options.item) badInput('sku', `given twice, as ${argument} and as --item ${options.item}; give one`);
      const sku = options.item ?? argument;
      const store = await ctx.store();
      if (sku !== undefined) {
        const queue = unwrapSelected(await backorderQueue(store, sku));
        ctx.print({ items: queue }, () => (queue.length === 0 ? `no backorders waiting for ${sku}` : renderQueue(queue, false)));
        return;
      }
      const page = unwrap(await listBackorders(store, { cursor: options.cursor, limit: numeric(options.limit) as number | undefined }));
      ctx.print(page, () => withCursor(page, page.items.length === 0 ? 'no backorders waiting' : renderQueue(page.items, true)));
    }));

  backorders
    .command('cancel')
    .description("cancel every unit still waiting in an item's backorder queue (allocated units stay); each customer is told, as by 'orders cancel'")
    .requiredOption('--sku <sku>', 'the item whose waiting backorders to cancel')
    .requiredOption('--reason <text>', 'why (kept in the audit trail and the order.cancelled events; not mailed to customers)')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry cancels nothing more')
    .action(action(async (ctx, options: { sku: string; reason: string; idempotencyKey?: string }) => {
      const store = await ctx.store();
      const result = await cancelItemBackorders(store, options.sku, { reason: options.reason }, ctx.actor, { idempotencyKey: options.idempotencyKey });
      const done = unwrap(result);
      ctx.print(done, () => {
        const { lines, units, orders } = done.cancelled;
        const what = `${units} waiting ${units === 1 ? 'unit' : 'units'} of ${done.sku} (${lines} ${lines === 1 ? 'line' : 'lines'} of ${orders} ${orders === 1 ? 'order' : 'orders'})`;
        const summary = wasReplayed(result) ? `replayed: these ${what} were cancelled before; nothing more was cancelled` : `cancelled ${what}; each customer is told`;
        const table = renderTable(
          [{ header: 'order', align: 'right' }, { header: 'external id' }, { header: 'cancelled', align: 'right' }],
          done.orders.map((o) => [String(o.orderId), cell(o.externalId), String(o.units)]),
        );
        return `${summary}\n\n${table}`;
      });
    }));
}

function renderQueue(positions: readonly QueuePosition[], withSku: boolean): string {
  return renderTable(
    [
      ...(withSku ? [{ header: 'sku' }] : []),
      { header: '#', align: 'right' }, { header: 'order', align: 'right' }, { header: 'customer' }, { header: 'priority', align: 'right' }, { header: 'placed' },
      { header: 'age', align: 'right' }, { header: 'qty', align: 'right' }, { header: 'waiting', align: 'right' }, { header: 'ahead', align: 'right' }, { header: 'eta' },
    ],
    positions.map((p) => [
      ...(withSku ? [p.sku] : []),
      String(p.position), String(p.orderId), cell(p.customer.name ?? p.customer.email ?? p.customer.id ?? p.externalId), String(p.priority), instant(p.placedAt),
      `${p.ageDays}d`, String(p.quantity), String(p.backordered), String(p.unitsAhead), eta(p.eta, p.etaEstimated),
    ]),
  );
}
