import type { Command } from 'commander';
import { exportItems, ITEM_COLUMNS } from '../../app/export-items.js';
import { exportMovements, MOVEMENT_COLUMNS } from '../../app/export-movements.js';
import { exportOrders, ORDER_COLUMNS } from '../../app/export-orders.js';
import { exportStock, STOCK_COLUMNS } from '../../app/export-stock.js';
import { action, unwrap, type CliContext } from '../context.js';
import { writeCsv } from '../csv.js';
import { unwrapSelected } from '../selection.js';

interface Destination {
  out?: string;
}

/** `restock export items|stock|orders|movements`: CSV to stdout or --out FILE. */
export function exportCommand(program: Command): void {
  const command = program.command('export').description('write data as CSV with a header row (to stdout, or --out FILE); text that would start a spreadsheet formula (= + - @) gets a leading apostrophe, which "restock import" takes off');

  command
    .command('items')
    .description('the catalogue, in the columns "restock import items" reads')
    .option('--out <file>', 'write to this file')
    .action(action(async (ctx, options: Destination) => {
      done(ctx, 'items', await writeCsv(ITEM_COLUMNS, unwrap(await exportItems(await ctx.store())), options.out), options);
    }));

  command
    .command('stock')
    .description('stock levels: sku,location,count,allocated,available ("restock import stock" reads it back)')
    .option('--sku <sku>', 'only this item')
    .option('--location <code>', 'only this location')
    .option('--out <file>', 'write to this file')
    .action(action(async (ctx, options: Destination & { sku?: string; location?: string }) => {
      const rows = unwrapSelected(await exportStock(await ctx.store(), { sku: options.sku, location: options.location }));
      done(ctx, 'stock levels', await writeCsv(STOCK_COLUMNS, rows, options.out), options);
    }));

  command
    .command('orders')
    .description('one row per order line, newest order first')
    .option('--status <status>', 'only orders with this status')
    .option('--sku <sku>', 'only orders with a line for this sku')
    .option('--out <file>', 'write to this file')
    .action(action(async (ctx, options: Destination & { status?: string; sku?: string }) => {
      const rows = unwrapSelected(await exportOrders(await ctx.store(), { status: options.status, sku: options.sku }));
      done(ctx, 'order lines', await writeCsv(ORDER_COLUMNS, rows, options.out), options);
    }));

  command
    .command('movements')
    .description('the movement ledger, oldest first')
    .option('--sku <sku>', 'only this item')
    .option('--location <code>', 'only this location')
    .option('--since <time>', 'from this date or ISO time on')
    .option('--until <time>', 'before this date or ISO time')
    .option('--out <file>', 'write to this file')
    .action(action(async (ctx, options: Destination & { sku?: string; location?: string; since?: string; until?: string }) => {
      const rows = unwrapSelected(await exportMovements(await ctx.store(), { sku: options.sku, location: options.location, since: options.since, until: options.until }));
      done(ctx, 'movements', await writeCsv(MOVEMENT_COLUMNS, rows, options.out), options);
    }));
}

/** With --out, says what was written (stdout stays pure CSV otherwise). */
function done(ctx: CliContext, noun: string, count: number, options: Destination): void {
  if (options.out !== undefined) ctx.print({ file: options.out, rows: count }, () => `wrote ${count} ${noun} to ${options.out}`);
}
