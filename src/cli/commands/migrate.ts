import type { Command } from 'commander';
import { action } from '../context.js';

/** `restock migrate`: applies pending database migrations (other commands also do so on open). */
export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(action(async (ctx) => {
      const store = await ctx.store({ migrate: false, createIfMissing: true });
      const applied = await store.migrate();
      ctx.print({ dialect: store.dialect, applied }, () =>
        applied.length === 0 ? `${store.dialect}: the database is up to date` : `${store.dialect}: applied ${applied.join(', ')}`,
      );
    }));
}
