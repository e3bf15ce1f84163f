import type { Command } from 'commander';
import { createItemSupplier, deleteItemSupplier, listItemSuppliers, updateItemSupplier, type ItemSupplierView } from '../../app/purchasing/manage-item-suppliers.js';
import { createSupplier, getSupplier, listSuppliers, updateSupplier } from '../../app/purchasing/manage-suppliers.js';
import { supplierScorecard, supplierScorecards, type SupplierScorecardView } from '../../app/purchasing/supplier-scorecard.js';
import { numeric } from '../args.js';
import { action, unwrap } from '../context.js';
import { cell, money } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderFields, renderTable } from '../table.js';

interface SupplierOptions {
  name?: string;
  email?: string;
  leadTimeDays?: string;
}

interface LinkOptions {
  supplierSku?: string;
  unitCost?: string;
  leadTimeDays?: string;
  moq?: string;
  packSize?: string;
  preferred?: boolean;
}

/** `restock suppliers list|show|create|update|link|update-link|links|scorecard`. */
export function suppliersCommand(program: Command): void {
  const suppliers = program.command('suppliers').description('suppliers, their links to items, and their scorecards');

  suppliers
    .command('list')
    .description('list suppliers by code')
    .action(action(async (ctx) => {
      const all = unwrap(await listSuppliers(await ctx.store()));
      ctx.print({ items: all }, () =>
        all.length === 0
          ? 'no suppliers'
          : renderTable(
              [{ header: 'code' }, { header: 'name' }, { header: 'email' }, { header: 'lead time', align: 'right' }],
              all.map((s) => [s.code, s.name, cell(s.email), `${s.leadTimeDays} d`]),
            ),
      );
    }));

  suppliers
    .command('show <code>')
    .description('a supplier and the items it is linked to')
    .action(action(async (ctx, code: string) => {
      const store = await ctx.store();
      const supplier = unwrap(await getSupplier(store, code));
      const links = unwrap(await listItemSuppliers(store, { supplier: code }));
      ctx.print({ ...supplier, items: links }, () =>
        `${renderFields([['supplier', supplier.code], ['name', supplier.name], ['email', cell(supplier.email)], ['lead time', `${supplier.leadTimeDays} days`]])}\n\n${renderLinks(links)}`,
      );
    }));

  supplierFields(suppliers.command('create <code>').description('create a supplier').requiredOption('--name <text>', 'the supplier name'))
    .action(action(async (ctx, code: string, options: SupplierOptions) => {
      const supplier = unwrap(await createSupplier(await ctx.store(), { code, ...supplierInput(options) }, ctx.actor));
      ctx.print(supplier, () => `created supplier ${supplier.code}`);
    }));

  supplierFields(suppliers.command('update <code>').description('change a supplier (a new lead time moves estimated ETAs at once)').option('--name <text>', 'the supplier name'))
    .action(action(async (ctx, code: string, options: SupplierOptions) => {
      const supplier = unwrap(await updateSupplier(await ctx.store(), code, supplierInput(options), ctx.actor));
      ctx.print(supplier, () => `updated supplier ${supplier.code}`);
    }));

  linkFields(suppliers.command('link <supplier> <sku>').description('link an item to a supplier'))
    .action(action(async (ctx, supplier: string, sku: string, options: LinkOptions) => {
      const link = unwrap(await createItemSupplier(await ctx.store(), { sku, supplier, ...linkInput(options) }, ctx.actor));
      ctx.print(link, () => `linked ${link.sku} to ${link.supplier}${link.preferred ? ' (preferred)' : ''}`);
    }));

  linkFields(suppliers.command('update-link <supplier> <sku>').description("change an item–supplier link").option('--not-preferred', 'stop preferring this supplier for the item'))
    .action(action(async (ctx, supplier: string, sku: string, options: LinkOptions & { notPreferred?: boolean }) => {
      const input = linkInput(options);
      if (options.notPreferred) input['preferred'] = false;
      const link = unwrap(await updateItemSupplier(await ctx.store(), sku, supplier, input, ctx.actor));
      ctx.print(link, () => `updated the link of ${link.sku} to ${link.supplier}`);
    }));

  suppliers
    .command('unlink <supplier> <sku>')
    .description('remove an item–supplier link (orders already made keep their lines)')
    .action(action(async (ctx, supplier: string, sku: string) => {
      const link = unwrap(await deleteItemSupplier(await ctx.store(), sku, supplier, ctx.actor));
      ctx.print(link, () => `removed the link of ${link.sku} to ${link.supplier}${link.preferred ? ' (it was preferred)' : ''}`);
    }));

  suppliers
    .command('links')
    .description('item–supplier links')
    .option('--sku <sku>', 'only this item')
    .option('--supplier <code>', 'only this supplier')
    .action(action(async (ctx, options: { sku?: string; supplier?: string }) => {
      const links = unwrapSelected(await listItemSuppliers(await ctx.store(), options));
      ctx.print({ items: links }, () => renderLinks(links));
    }));

  suppliers
    .command('scorecard [code]')
    .description('on-time rate, actual lead time (mean, spread) and fill rate from receipts; all suppliers without a code')
    .option('--since <date>', 'receipts from this day (YYYY-MM-DD)')
    .option('--until <date>', 'receipts up to this day (YYYY-MM-DD)')
    .action(action(async (ctx, code: string | undefined, options: { since?: string; until?: string }) => {
      const store = await ctx.store();
      const cards = code === undefined ? unwrap(await supplierScorecards(store, options)) : [unwrapSelected(await supplierScorecard(store, code, options))];
      ctx.print(code === undefined ? { items: cards } : cards[0], () => renderScorecards(cards));
    }));
}

function supplierFields(command: Command): Command {
  return command
    .option('--email <address>', 'where purchase orders go')
    .option('--lead-time-days <n>', 'default days from ordering to receiving');
}

function supplierInput(options: SupplierOptions): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (options.name !== undefined) input['name'] = options.name;
  if (options.email !== undefined) input['email'] = options.email === '' ? null : options.email;
  if (options.leadTimeDays !== undefined) input['leadTimeDays'] = numeric(options.leadTimeDays);
  return input;
}

function linkFields(command: Command): Command {
  return command
    .option('--supplier-sku <code>', "the supplier's own code for the item")
    .option('--unit-cost <minor>', 'price in minor units (1299 = 12.99); default the item cost')
    .option('--lead-time-days <n>', "days for this item (default the supplier's)")
    .option('--moq <n>', 'minimum order quantity')
    .option('--pack-size <n>', 'units per pack')
    .option('--preferred', 'make this the preferred supplier of the item (its lead time backs estimated ETAs; the first supplier linked to an item is preferred unless told otherwise)');
}

function linkInput(options: LinkOptions): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (options.supplierSku !== undefined) input['supplierSku'] = options.supplierSku;
  if (options.unitCost !== undefined) input['unitCost'] = numeric(options.unitCost);
  if (options.leadTimeDays !== undefined) input['leadTimeDays'] = numeric(options.leadTimeDays);
  if (options.moq !== undefined) input['moq'] = numeric(options.moq);
  if (options.packSize !== undefined) input['packSize'] = numeric(options.packSize);
  if (options.preferred) input['preferred'] = true;
  return input;
}

function renderLinks(links: readonly ItemSupplierView[]): string {
  if (links.length === 0) return 'no item–supplier links';
  return renderTable(
    [{ header: 'sku' }, { header: 'supplier' }, { header: 'supplier sku' }, { header: 'unit cost', align: 'right' }, { header: 'lead time', align: 'right' }, { header: 'moq', align: 'right' }, { header: 'pack', align: 'right' }, { header: 'preferred' }],
    links.map((l) => [l.sku, l.supplier, cell(l.supplierSku), money(l.unitCost), `${l.effectiveLeadTimeDays} d`, String(l.moq), String(l.packSize), cell(l.preferred)]),
  );
}

function renderScorecards(cards: readonly SupplierScorecardView[]): string {
  if (cards.length === 0) return 'no suppliers';
  const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
  const days = (value: number | null) => (value === null ? '–' : value.toFixed(1));
  return renderTable(
    [{ header: 'supplier' }, { header: 'receipts', align: 'right' }, { header: 'units', align: 'right' }, { header: 'on time', align: 'right' }, { header: 'lead time (mean)', align: 'right' }, { header: 'spread (sd)', align: 'right' }, { header: 'fill rate', align: 'right' }],
    cards.map((c) => [c.supplier, String(c.receipts), String(c.unitsReceived), percent(c.onTimeRate), days(c.leadTimeDays.mean), days(c.leadTimeDays.standardDeviation), percent(c.fillRate)]),
  );
}
