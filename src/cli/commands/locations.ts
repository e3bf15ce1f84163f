import type { Command } from 'commander';
import { listLocations } from '../../app/list-locations.js';
import { createLocation, updateLocation } from '../../app/manage-locations.js';
import type { Location } from '../../domain/types.js';
import { numeric } from '../args.js';
import { action, badInput, unwrap } from '../context.js';
import { renderTable } from '../table.js';

type LocationView = Omit<Location, 'id'>;

/** A location as the API shows it: named by its code. */
function locationView(location: Location): LocationView {
  const { id: _id, ...view } = location;
  return view;
}

interface LocationOptions {
  name?: string;
  priority?: string;
  active?: boolean;
}

/** `restock locations list|create|update`. */
export function locationsCommand(program: Command): void {
  const locations = program.command('locations').description('places that hold stock (lower priority is allocated first)');

  locations
    .command('list')
    .description('list locations in allocation order')
    .action(action(async (ctx) => {
      const store = await ctx.store();
      const all = await listLocations(store);
      ctx.print({ items: all.map(locationView) }, () =>
        all.length === 0
          ? 'no locations'
          : renderTable(
              [{ header: 'code' }, { header: 'name' }, { header: 'priority', align: 'right' }, { header: 'active' }],
              all.map((l) => [l.code, l.name, String(l.priority), l.active ? 'yes' : 'no']),
            ),
      );
    }));

  locations
    .command('create <code>')
    .description('create a location')
    .requiredOption('--name <text>', 'the location name')
    .option('--priority <n>', 'allocation order: lower is preferred', '0')
    .option('--inactive', 'create it inactive (its stock is not offered)')
    .action(action(async (ctx, code: string, options: LocationOptions & { inactive?: boolean }) => {
      const store = await ctx.store();
      const input = { code, name: options.name, priority: numeric(options.priority), ...(options.inactive ? { active: false } : {}) };
      const location = unwrap(await createLocation(store, input, ctx.actor));
      ctx.print(locationView(location), () => `created location ${location.code}`);
    }));

  locations
    .command('update <code>')
    .description('rename, re-prioritise, or (de)activate a location')
    .option('--name <text>', 'the location name')
    .option('--priority <n>', 'allocation order: lower is preferred')
    .option('--active', 'offer its stock again (fills waiting backorders at once)')
    .option('--inactive', 'stop offering its stock (as --no-active; create takes it too)')
    .option('--no-active', 'stop offering its stock')
    .action(action(async (ctx, code: string, options: LocationOptions & { inactive?: boolean }) => {
      const store = await ctx.store();
      const input: Record<string, unknown> = {};
      if (options.name !== undefined) input['name'] = options.name;
      if (options.priority !== undefined) input['priority'] = numeric(options.priority);
      if (options.inactive === true && options.active === true) badInput('active', 'give --active or --inactive, not both');
      if (options.active !== undefined) input['active'] = options.active;
      if (options.inactive === true) input['active'] = false;
      if (Object.keys(input).length === 0) badInput('options', 'give at least one field to change (see restock locations update --help)');
      const { movedAllocations, warnings, ...location } = unwrap(await updateLocation(store, code, input, ctx.actor));
      ctx.print({ ...locationView(location), movedAllocations, warnings }, () => [
        `updated location ${location.code}`,
        ...(movedAllocations > 0 ? [`${movedAllocations} allocated ${movedAllocations === 1 ? 'unit is' : 'units are'} now taken from other locations`] : []),
        ...warnings.map((w) => `warning: ${w.message}`),
      ].join('\n'));
    }));
}
