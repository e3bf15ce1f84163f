import type { Command } from 'commander';
import { resolve } from 'node:path';
import { storeOptionsFromEnv } from '../../config.js';
import { backupDatabase } from '../../storage/backup.js';
import { StorageUnavailable } from '../../storage/storage-errors.js';
import { action, unwrap } from '../context.js';
import { renderTable } from '../table.js';
import { databaseInUse } from '../which-database.js';
import { checkWritableFile } from '../file-targets.js';

/** `restock backup FILE`: a consistent copy of the live database, taken while the service runs. */
export function backupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description('write a consistent backup of the live database to a new file (safe while "restock serve" runs)')
    .addHelpText('after', `
SQLite: the file is a copy of the database (SQLite's online backup, all pages in one snapshot).
PostgreSQL: the file is a logical dump, one JSON value per line, read in one REPEATABLE READ
transaction. Either restores with "restock restore FILE" into an empty database of either kind.
The file holds everything, API key hashes and webhook secrets included: keep it safe.`)
    .action(action(async (ctx, file: string) => {
      checkWritableFile('file', file);
      const options = unwrap(storeOptionsFromEnv());
      let report;
      try {
        report = unwrap(await backupDatabase(options, resolve(file)));
      } catch (error) {
        throw StorageUnavailable.wrap(error);
      }
      ctx.print(report, () => {
        const rows = Object.entries(report.tables).map(([table, count]) => [table, String(count)]);
        return [
          `backed up the ${databaseInUse(options)} to ${report.file} (${report.format}, ${report.bytes} bytes)`,
          '',
          renderTable([{ header: 'table' }, { header: 'rows', align: 'right' }], rows),
        ].join('\n');
      });
    }));
}
