import type { Command } from 'commander';
import type { ImportProblem } from '../../app/import-runner.js';
import { getDemandHistory, type DemandHistoryView } from '../../app/planning/get-demand-history.js';
import { demandRowsFromCsv } from '../../app/planning/demand-rows.js';
import { importDemand } from '../../app/planning/import-demand.js';
import { action, CliFailure, unwrap, type CliContext } from '../context.js';
import { readTextFile } from '../csv.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

interface HistoryOptions {
  readonly bucket?: string;
  readonly from?: string;
  readonly to?: string;
  readonly location?: string;
}

interface ImportFlags {
  readonly skipInvalid?: boolean;
  readonly dryRun?: boolean;
}

const IMPORT_HELP = `
One row per sku and day (rows of the same sku, location and day add up); location is optional, and
a row with one counts for that location and for the whole network, so import each unit once.
The total of a day replaces what an earlier import stored for it, so a file can be imported again.
Import the history from before Restock took orders: imported days add to the demand Restock records.`;

/**
 * `restock demand SKU` (history by day, week or month) and `restock demand import FILE`; the import
 * is also `restock import demand FILE`, beside the other imports.
 */
export function demandCommand(program: Command): void {
  const demand = program
    .command('demand')
    .description('demand history (every unit asked for: allocated, backordered, lost, imported) and its import');
  demand
    .command('show <sku>', { isDefault: true })
    .description("an item's demand by day, week or month")
    .option('--bucket <size>', 'day (default), week or month')
    .option('--from <date>', 'first day, YYYY-MM-DD (default a year before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default today)')
    .option('--location <code>', 'only what is known to concern this location')
    .action(action(async (ctx, sku: string, options: HistoryOptions) => {
      const store = await ctx.store();
      const history = unwrapSelected(await getDemandHistory(store, { sku, ...options }));
      ctx.print(history, () => describe(history));
    }));
  importFlags(demand.command('import <file>').description('import past demand from a CSV file: sku,date,quantity[,location]').addHelpText('after', IMPORT_HELP))
    .action(action((ctx, file: string, options: ImportFlags) => runImport(ctx, file, options)));

  // The import group gathers every CSV import; demand joins it when it is there.
  const imports = program.commands.find((c) => c.name() === 'import');
  if (imports) {
    importFlags(imports.command('demand <file>').description('past demand per day; columns: sku,date,quantity[,location]').addHelpText('after', IMPORT_HELP))
      .action(action((ctx, file: string, options: ImportFlags) => runImport(ctx, file, options)));
  }
}

function importFlags(command: Command): Command {
  return command
    .option('--skip-invalid', 'import the valid rows and report the bad ones')
    .option('--dry-run', 'check every row against the database, then import nothing');
}

async function runImport(ctx: CliContext, file: string, options: ImportFlags): Promise<void> {
  const rows = unwrap(await demandRowsFromCsv(await readTextFile(file), 'file'));
  const store = await ctx.store();
  const progress = ctx.progress('importing demand');
  const result = await importDemand(store, rows, {
    actor: ctx.actor,
    skipInvalid: options.skipInvalid === true,
    dryRun: options.dryRun === true,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  if (!result.ok) {
    const problems = (result.details as { problems?: ImportProblem[] } | undefined)?.problems ?? [];
    throw new CliFailure(result, problems.length > 0 ? problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n') : undefined);
  }
  const report = result.value;
  ctx.print(report, () => {
    const verb = report.dryRun ? 'would import' : 'imported';
    // Rows counts every row of the file; skipped ones were not imported.
    const summary = `${verb} ${report.rows - report.skippedRows} of ${report.rows} rows from ${file}: ${report.created} days added, ${report.updated} changed, ${report.unchanged} unchanged`;
    if (report.skippedRows === 0) return summary;
    const listed = report.skippedRows > report.skipped.length ? ` (the first ${report.skipped.length})` : '';
    return `${summary}; skipped ${report.skippedRows} invalid row${report.skippedRows === 1 ? '' : 's'}${listed}:\n${report.skipped.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`;
  });
}

function describe(h: DemandHistoryView): string {
  const scope = h.scope === 'location' ? ` at ${h.location} (units allocated there when ordered, and history imported for it)` : '';
  const table = renderTable(
    [
      { header: h.bucket }, { header: 'allocated', align: 'right' }, { header: 'backordered', align: 'right' }, { header: 'lost', align: 'right' },
      { header: 'imported', align: 'right' }, { header: 'total', align: 'right' }, { header: 'notify-me', align: 'right' },
    ],
    [...h.buckets, { start: 'total', ...h.totals }].map((b) => [b.start, String(b.allocated), String(b.backordered), String(b.lost), String(b.imported), String(b.total), String(b.subscriptions)]),
  );
  return `demand for ${h.sku}${scope}, ${h.from} … ${h.to}\n\n${table}`;
}
