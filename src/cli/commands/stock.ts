import type { Command } from 'commander';
import { adjustStock } from '../../app/adjust-stock.js';
import { wasReplayed } from '../../app/once-per-key.js';
import { listMovements } from '../../app/list-movements.js';
import { listStockLevels } from '../../app/list-stock-levels.js';
import { transferStock } from '../../app/transfer-stock.js';
import { numeric } from '../args.js';
import { action, unwrap } from '../context.js';
import { cell, instant, withCursor } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

interface PageOptions {
  limit?: string;
  cursor?: string;
}

/** `restock stock list|adjust|transfer|movements`. */
export function stockCommand(program: Command): void {
  const stock = program.command('stock').description('stock levels, adjustments, transfers and the movement ledger');

  stock
    .command('list')
    .description('stock levels per item and location')
    .option('--sku <sku>', 'only this item')
    .option('--location <code>', 'only this location')
    .option('--limit <n>', 'at most this many levels (1–500, default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page gave it')
    .action(action(async (ctx, options: PageOptions & { sku?: string; location?: string }) => {
      const store = await ctx.store();
      const page = unwrapSelected(await listStockLevels(store, { sku: options.sku, location: options.location, cursor: options.cursor, limit: numeric(options.limit) as number | undefined }));
      ctx.print(page, () =>
        withCursor(page, page.items.length === 0
          ? 'no stock'
          : renderTable(
              [{ header: 'sku' }, { header: 'location' }, { header: 'on hand', align: 'right' }, { header: 'allocated', align: 'right' }, { header: 'available', align: 'right' }],
              page.items.map((r) => [r.sku, `${r.location}${r.locationActive ? '' : ' (inactive)'}`, String(r.onHand), String(r.allocated), String(r.available)]),
            )),
      );
    }));

  stock
    .command('adjust <sku> <location>')
    .description('change on-hand stock by --delta or to a counted --count (a rise fills waiting backorders)')
    .option('--delta <units>', 'add (or, negative, remove) this many units')
    .option('--count <units>', 'set on-hand to this counted number')
    .requiredOption('--reason <text>', 'why (kept in the ledger)')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry changes nothing')
    .action(action(async (ctx, sku: string, location: string, options: { delta?: string; count?: string; reason: string; idempotencyKey?: string }) => {
      const store = await ctx.store();
      const input: Record<string, unknown> = { sku, location, reason: options.reason };
      if (options.delta !== undefined) input['delta'] = numeric(options.delta);
      if (options.count !== undefined) input['count'] = numeric(options.count);
      const adjusted = await adjustStock(store, input, ctx.actor, { idempotencyKey: options.idempotencyKey });
      const result = unwrap(adjusted);
      ctx.print(result, () => {
        if (wasReplayed(adjusted)) return `replayed: this change of ${result.sku} at ${result.location} (${signed(result.delta)}) was made before; nothing was changed again`;
        const queue = (result.movedToOtherLocations > 0 ? `; ${result.movedToOtherLocations} allocated units are now taken from other locations` : '')
          + (result.returnedToQueue > 0 ? `; ${result.returnedToQueue} allocated units went back to the queue` : '')
          + (result.backordersFilled > 0 ? `; ${result.backordersFilled} units filled waiting backorders` : '');
        return `${result.sku} at ${result.location}: ${signed(result.delta)}, on hand ${result.onHand}, allocated ${result.allocated}${queue}`;
      });
    }));

  stock
    .command('transfer <sku> <from> <to> <quantity>')
    .description('move available units between locations')
    .option('--reason <text>', 'why (kept in the ledger)')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry moves nothing')
    .action(action(async (ctx, sku: string, from: string, to: string, quantity: string, options: { reason?: string; idempotencyKey?: string }) => {
      const store = await ctx.store();
      const moved = await transferStock(store, { sku, from, to, quantity: numeric(quantity), reason: options.reason }, ctx.actor, { idempotencyKey: options.idempotencyKey });
      const result = unwrap(moved);
      ctx.print(result, () => {
        const what = `${result.quantity} × ${result.sku} from ${result.from} to ${result.to}`;
        if (wasReplayed(moved)) return `replayed: ${what} was moved before; nothing was moved again`;
        return `moved ${what}${result.backordersFilled > 0 ? `; ${result.backordersFilled} units filled waiting backorders` : ''}`;
      });
    }));

  stock
    .command('movements')
    .description('the movement ledger, oldest first')
    .option('--sku <sku>', 'only this item')
    .option('--location <code>', 'only this location')
    .option('--kind <kind>', 'receipt, adjustment, allocation, deallocation, shipment, transfer_out or transfer_in')
    .option('--since <time>', 'from this date or ISO time on')
    .option('--until <time>', 'before this date or ISO time')
    .option('--limit <n>', 'at most this many movements (1–500, default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page gave it')
    .action(action(async (ctx, options: PageOptions & { sku?: string; location?: string; kind?: string; since?: string; until?: string }) => {
      const store = await ctx.store();
      const page = unwrapSelected(await listMovements(store, { ...options, limit: numeric(options.limit) as number | undefined }));
      ctx.print(page, () =>
        withCursor(page, page.items.length === 0
          ? 'no movements'
          : renderTable(
              [{ header: 'id', align: 'right' }, { header: 'time' }, { header: 'sku' }, { header: 'location' }, { header: 'kind' }, { header: 'on hand', align: 'right' }, { header: 'allocated', align: 'right' }, { header: 'order', align: 'right' }, { header: 'reason' }, { header: 'actor' }],
              page.items.map((m) => [String(m.id), instant(m.createdAt), m.sku, m.location, m.kind, signed(m.onHandDelta), signed(m.allocatedDelta), cell(m.orderId), cell(m.reason), m.actor]),
            )),
      );
    }));
}

function signed(value: number): string {
  if (value === 0) return '·';
  return value > 0 ? `+${value}` : String(value);
}
