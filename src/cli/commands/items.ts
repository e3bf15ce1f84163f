import type { Command } from 'commander';
import { getAvailability } from '../../app/get-availability.js';
import { getItem } from '../../app/get-item.js';
import { listItems, type ItemQuery } from '../../app/list-items.js';
import { listStockLevels } from '../../app/list-stock-levels.js';
import { createItem, updateItem } from '../../app/manage-items.js';
import { MAX_PAGE_SIZE } from '../../app/pagination.js';
import { list, numeric } from '../args.js';
import { action, badInput, unwrap } from '../context.js';
import { cell, eta, money, withCursor } from '../format.js';
import { renderFields, renderTable } from '../table.js';

interface ItemOptions {
  name?: string;
  unitPrice?: string;
  unitCost?: string;
  backorderPolicy?: string;
  backorderLimit?: string;
  lowStockThreshold?: string;
  leadTimeDays?: string;
  substitutes?: string;
  discontinued?: boolean;
}

/** `restock items list|get|create|update`. */
export function itemsCommand(program: Command): void {
  const items = program.command('items').description('the catalogue: skus, prices and backorder policies');

  items
    .command('list')
    .description('items in sku order, with their stock figures and status')
    .option('--search <text>', 'only items whose sku or name contains this text')
    .option('--status <status>', 'only items with this status: in_stock, low_stock, backorder or out_of_stock')
    .option('--limit <n>', 'at most this many items (1–500, default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page gave it')
    .action(action(async (ctx, options: { search?: string; status?: string; limit?: string; cursor?: string }) => {
      const store = await ctx.store();
      const page = unwrap(await listItems(store, { search: options.search, status: options.status as ItemQuery['status'], cursor: options.cursor, limit: numeric(options.limit) as number | undefined }));
      ctx.print(page, () =>
        withCursor(page, page.items.length === 0
          ? 'no items'
          : renderTable(
              [{ header: 'sku' }, { header: 'name' }, { header: 'status' }, { header: 'available', align: 'right' }, { header: 'waiting', align: 'right' }, { header: 'price', align: 'right' }, { header: 'policy' }, { header: 'limit', align: 'right' }, { header: 'low at', align: 'right' }],
              page.items.map((item) => [
                item.sku, truncate(item.name, 40), `${item.status}${item.discontinued ? ' (discontinued)' : ''}`, String(item.available),
                String(item.backordered), money(item.unitPrice), item.backorderPolicy, cell(item.backorderLimit), String(item.lowStockThreshold),
              ]),
            )),
      );
    }));

  items
    .command('get <sku>')
    .description('one item, its availability and its stock per location')
    .action(action(async (ctx, sku: string) => {
      const store = await ctx.store();
      const item = unwrap(await getItem(store, sku));
      // People also see the promise date and stock per location; JSON keeps the API's item shape.
      const [availability] = ctx.json ? [] : unwrap(await getAvailability(store, [sku]));
      const stocks = ctx.json ? [] : unwrap(await listStockLevels(store, { sku, limit: MAX_PAGE_SIZE })).items;
      ctx.print(item, () => {
        const promise = availability?.eta ? `; a backorder placed now ships by ${eta(availability.eta, availability.etaEstimated)}` : '';
        const fields = renderFields([
          ['sku', item.sku],
          ['name', item.name],
          ['status', `${item.status}${promise}`],
          ['on hand', String(item.onHand)],
          ['allocated', String(item.allocated)],
          ['available', String(item.available)],
          ['backordered', String(item.backordered)],
          ['incoming', String(availability?.incoming ?? 0)],
          ['unit price', money(item.unitPrice)],
          ['unit cost', money(item.unitCost)],
          ['backorders', `${item.backorderPolicy}${item.backorderLimit === null ? '' : `, at most ${item.backorderLimit} units waiting`}`],
          ['low stock at', `${item.lowStockThreshold} units or fewer`],
          ['lead time', `${item.leadTimeDays} days`],
          ['substitutes', item.substitutes.length > 0 ? item.substitutes.join(', ') : '–'],
          ['discontinued', cell(item.discontinued)],
        ]);
        if (stocks.length === 0) return `${fields}\n\nno stock at any location`;
        const table = renderTable(
          [{ header: 'location' }, { header: 'on hand', align: 'right' }, { header: 'allocated', align: 'right' }, { header: 'available', align: 'right' }],
          stocks.map((s) => [`${s.location}${s.locationActive ? '' : ' (inactive)'}`, String(s.onHand), String(s.allocated), String(s.available)]),
        );
        return `${fields}\n\n${table}`;
      });
    }));

  itemFieldOptions(
    items
      .command('create <sku>')
      .description('create an item (prices in minor units, e.g. cents)')
      .requiredOption('--name <text>', 'the item name'),
  ).action(action(async (ctx, sku: string, options: ItemOptions) => {
    const store = await ctx.store();
    unwrap(await createItem(store, { sku, ...itemFields(options) }, ctx.actor));
    ctx.print(unwrap(await getItem(store, sku)), () => `created item ${sku}`);
  }));

  itemFieldOptions(
    items
      .command('update <sku>')
      .description('change some fields of an item')
      .option('--name <text>', 'the item name'),
  ).action(action(async (ctx, sku: string, options: ItemOptions) => {
    const store = await ctx.store();
    const fields = itemFields(options);
    if (Object.keys(fields).length === 0) badInput('options', 'give at least one field to change (see restock items update --help)');
    const { warnings } = unwrap(await updateItem(store, sku, fields, ctx.actor));
    ctx.print({ ...unwrap(await getItem(store, sku)), warnings }, () => [`updated item ${sku}`, ...warnings.map((w) => `warning: ${w.message}`)].join('\n'));
  }));
}

function itemFieldOptions(command: Command): Command {
  return command
    .option('--unit-price <minor>', 'selling price in minor units (1299 = 12.99)')
    .option('--unit-cost <minor>', 'cost in minor units')
    .option('--backorder-policy <policy>', 'allow or deny orders beyond stock')
    .option('--backorder-limit <units>', 'at most this many units may wait ("none" for no limit)')
    .option('--low-stock-threshold <units>', '"low stock" at or below this many available units')
    .option('--lead-time-days <days>', 'days to restock when no supplier knows better')
    .option('--substitutes <skus>', 'comma-separated skus offered instead when this one is out ("" for none)')
    .option('--discontinued', 'no longer sold: never backordered')
    .option('--no-discontinued', 'sold again');
}

/** Options as use-case input: only the fields given, numbers parsed, everything else left for the use case to check. */
function itemFields(options: ItemOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) fields[key] = value;
  };
  set('name', options.name);
  set('unitPrice', numeric(options.unitPrice));
  set('unitCost', numeric(options.unitCost));
  set('backorderPolicy', options.backorderPolicy);
  set('backorderLimit', options.backorderLimit?.trim().toLowerCase() === 'none' ? null : numeric(options.backorderLimit));
  set('lowStockThreshold', numeric(options.lowStockThreshold));
  set('leadTimeDays', numeric(options.leadTimeDays));
  set('substitutes', options.substitutes === undefined ? undefined : list(options.substitutes));
  set('discontinued', options.discontinued);
  return fields;
}

function truncate(text: string, size: number): string {
  return text.length <= size ? text : `${text.slice(0, size - 1)}…`;
}
