import type { Command } from 'commander';
import { resolve } from 'node:path';
import { storeOptionsFromEnv } from '../../config.js';
import { restoreDatabase } from '../../storage/restore.js';
import { StorageUnavailable } from '../../storage/storage-errors.js';
import { action, unwrap } from '../context.js';
import { renderTable } from '../table.js';
import { databaseInUse } from '../which-database.js';
import { checkReadableFile } from '../file-targets.js';

/** `restock restore FILE`: loads a backup into an empty database, all or nothing. */
export function restoreCommand(program: Command): void {
  program
    .command('restore <file>')
    .description('restore a backup made by "restock backup" into the configured database, which must be empty')
    .addHelpText('after', `
The database (DATABASE_URL, or RESTOCK_SQLITE_PATH) is migrated to the backup's version, every row
is loaded in one transaction (nothing is kept if any part fails), then it is migrated to this
version. A SQLite backup can be restored into PostgreSQL and the other way round.
Run "restock check" afterwards.`)
    .action(action(async (ctx, file: string) => {
      checkReadableFile('file', file);
      const options = unwrap(storeOptionsFromEnv());
      let report;
      try {
        report = unwrap(await restoreDatabase(options, resolve(file)));
      } catch (error) {
        throw StorageUnavailable.wrap(error);
      }
      ctx.print(report, () => {
        const rows = Object.entries(report.tables).map(([table, count]) => [table, String(count)]);
        return [
          `restored ${report.file} (${report.format}) into the ${databaseInUse(options)}`,
          '',
          renderTable([{ header: 'table' }, { header: 'rows', align: 'right' }], rows),
        ].join('\n');
      });
    }));
}
