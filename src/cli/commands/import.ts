import type { Command } from 'commander';
import { importItems } from '../../app/import-items.js';
import type { ImportOptions, ImportProblem, ImportReportWithWarnings, ImportRow } from '../../app/import-runner.js';
import { importStock } from '../../app/import-stock.js';
import type { Store } from '../../app/ports.js';
import type { Result } from '../../app/result.js';
import { action, CliFailure, unwrap, type CliContext } from '../context.js';
import { readCsv } from '../csv.js';

type Importer = (store: Store, columns: readonly string[], rows: readonly ImportRow[], options: ImportOptions) => Promise<Result<ImportReportWithWarnings>>;

interface ImportFlags {
  skipInvalid?: boolean;
  dryRun?: boolean;
}

/** `restock import items FILE`, `restock import stock FILE`. */
export function importCommand(program: Command): void {
  const command = program
    .command('import')
    .description('load a CSV file (with a header row); nothing is imported from a file with a bad row unless --skip-invalid');

  flags(
    command
      .command('items <file>')
      .description('create or update items by sku; columns: sku,name,unitPrice,unitCost,backorderPolicy,backorderLimit,lowStockThreshold,leadTimeDays,substitutes,discontinued')
      .addHelpText('after', `
Only sku is required (and name for a new item). Only the columns present are changed; an empty cell
leaves a field as it is, except backorderLimit (empty = no limit) and substitutes (skus joined with
"|", empty = none). Prices are in minor units (1299 = 12.99); discontinued is true or false.
A row that discontinues an item customers still wait for, or that is still on open purchase
orders, is imported with a warning naming its line (in --json, the report's warnings), as
"restock items update" warns.`),
  ).action(action((ctx, file: string, options: ImportFlags) => run(ctx, importItems, file, options, 'items')));

  flags(
    command
      .command('stock <file>')
      .description('set counted on-hand stock; columns: sku,location,count[,reason]')
      .addHelpText('after', `
Each row sets the count of one item at one location, through the ordinary adjustment (reason
"import" unless the row gives one), so the ledger explains every change and waiting backorders
are filled from stock that arrives. The allocated and available columns written by
"restock export stock" are accepted and ignored.`),
  ).action(action((ctx, file: string, options: ImportFlags) => run(ctx, importStock, file, options, 'stock levels')));
}

function flags(command: Command): Command {
  return command
    .option('--skip-invalid', 'import the valid rows and report the bad ones')
    .option('--dry-run', 'check every row against the database, then import nothing');
}

async function run(ctx: CliContext, importer: Importer, file: string, options: ImportFlags, noun: string): Promise<void> {
  const csv = await readCsv(file);
  const store = await ctx.store();
  const progress = ctx.progress(`importing ${noun}`);
  const result = await importer(store, csv.columns, csv.rows, {
    actor: ctx.actor,
    skipInvalid: options.skipInvalid === true,
    dryRun: options.dryRun === true,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  if (!result.ok) {
    const problems = (result.details as { problems?: ImportProblem[] } | undefined)?.problems ?? [];
    throw new CliFailure(result, problems.length > 0 ? describeProblems(problems) : undefined);
  }
  const report = unwrap(result);
  ctx.print(report, () => {
    const verb = report.dryRun ? 'would import' : 'imported';
    const summary = `${verb} ${report.created + report.updated} of ${report.rows} rows from ${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
    const queue = queueWords(report);
    const skipped = report.skipped.length === 0 ? '' : `; skipped ${report.skipped.length} invalid row${report.skipped.length === 1 ? '' : 's'}:\n${describeProblems(report.skipped)}`;
    return [`${summary}${queue}${skipped}`, ...report.warnings.map((w) => `warning: line ${w.line}: ${w.message}`)].join('\n');
  });
}

/** What a stock import did to the backorder queue, in words; nothing for an items import. */
function queueWords(report: ImportReportWithWarnings & { backordersFilled?: number; returnedToQueue?: number }): string {
  const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
  const returned = (report.returnedToQueue ?? 0) > 0 ? `; ${units(report.returnedToQueue ?? 0)} of allocations ${report.dryRun ? 'would go' : 'went'} back to the queue` : '';
  const filled = (report.backordersFilled ?? 0) > 0 ? `; ${units(report.backordersFilled ?? 0)} ${report.dryRun ? 'would fill' : 'filled'} waiting backorders` : '';
  return returned + filled;
}

function describeProblems(problems: readonly ImportProblem[]): string {
  return problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n');
}
