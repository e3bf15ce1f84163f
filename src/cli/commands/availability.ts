import type { Command } from 'commander';
import { getAvailability } from '../../app/get-availability.js';
import { action } from '../context.js';
import { cell, eta } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

/** `restock availability SKU...`: what a storefront would show for each item. */
export function availabilityCommand(program: Command): void {
  program
    .command('availability <sku...>')
    .description('status a buyer sees (in_stock, low_stock, backorder, out_of_stock), with ETAs and substitutes')
    .action(action(async (ctx, skus: string[]) => {
      const store = await ctx.store();
      const answers = unwrapSelected(await getAvailability(store, skus));
      // The API's shape (SPEC §9: {items: [...]}), as every other list of the CLI.
      ctx.print({ items: answers }, () =>
        renderTable(
          [{ header: 'sku' }, { header: 'status' }, { header: 'available', align: 'right' }, { header: 'backorderable', align: 'right' }, { header: 'eta' }, { header: 'waiting', align: 'right' }, { header: 'incoming', align: 'right' }, { header: 'substitutes' }],
          answers.map((a) => [
            a.sku, a.status, String(a.available), a.backorderable === null ? 'unlimited' : String(a.backorderable), eta(a.eta, a.etaEstimated),
            String(a.backordered), String(a.incoming), cell(a.substitutes.map((s) => `${s.sku} (${s.status})`).join(', ')),
          ]),
        ),
      );
    }));
}
