#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { auditCommand } from './commands/audit.js';
import { availabilityCommand } from './commands/availability.js';
import { backordersCommand } from './commands/backorders.js';
import { backupCommand } from './commands/backup.js';
import { checkCommand } from './commands/check.js';
import { demandCommand } from './commands/demand.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { forecastCommand } from './commands/forecast.js';
import { importCommand } from './commands/import.js';
import { itemsCommand } from './commands/items.js';
import { keysCommand } from './commands/keys.js';
import { kpisCommand } from './commands/kpis.js';
import { locationsCommand } from './commands/locations.js';
import { migrateCommand } from './commands/migrate.js';
import { ordersCommand } from './commands/orders.js';
import { planCommand } from './commands/plan.js';
import { poCommand } from './commands/po.js';
import { restoreCommand } from './commands/restore.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { stockCommand } from './commands/stock.js';
import { suppliersCommand } from './commands/suppliers.js';
import { webhooksCommand } from './commands/webhooks.js';
import { workerCommand } from './commands/worker.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { packageVersion } from '../package-root.js';

const ENVIRONMENT_HELP = `
Environment:
  DATABASE_URL                 use this PostgreSQL database (else the SQLite file below)
  RESTOCK_SQLITE_PATH          the SQLite file, in a folder that exists (default ./data/restock.db)
  RESTOCK_SQLITE_SYNCHRONOUS   FULL, NORMAL (default) or OFF
  RESTOCK_PG_POOL_SIZE         PostgreSQL connections per process
  RESTOCK_SQLITE_BUSY_TIMEOUT_MS   how long a write waits for another process's SQLite lock (default 5000)
  RESTOCK_PG_CONNECT_TIMEOUT_MS    how long to wait for a PostgreSQL connection (default 5000)
  RESTOCK_PG_STATEMENT_TIMEOUT_MS  PostgreSQL statement_timeout (default 15000; 0 = none)
  PORT, HOST                   where "restock serve" listens (default 3000 on 127.0.0.1)`;

/**
 * The `restock` command line: every command group, the global --json option and the exit codes.
 * With --json anywhere in `argv`, usage errors too are printed as {"error": …} on stderr.
 */
export function buildProgram(argv: readonly string[] = process.argv): Command {
  const json = argv.includes('--json');
  const program = new Command('restock')
    .description('Restock: inventory that knows backorder from out of stock')
    .version(packageVersion(), '-V, --version')
    .option('--json', 'print results as JSON (errors as {"error": {code, message, details}} on stderr)')
    .showHelpAfterError(json ? false : '(run with --help for usage)')
    .configureOutput({
      outputError: (text, write) => {
        if (!json) return write(text);
        const message = text.trim().replace(/^error: /, '');
        write(`${JSON.stringify({ error: { code: 'VALIDATION_FAILED', message, details: null } }, null, 2)}\n`);
      },
    })
    .addHelpText('after', `${EXIT_CODES_HELP}\n${ENVIRONMENT_HELP}`)
    // Usage errors end with the bad-input exit code; the handler below maps them.
    .exitOverride();
  for (const register of [
    serveCommand, migrateCommand, itemsCommand, locationsCommand, stockCommand, availabilityCommand, ordersCommand,
    backordersCommand, checkCommand, keysCommand, auditCommand, importCommand, exportCommand, demoCommand, kpisCommand,
    suppliersCommand, poCommand, workerCommand, webhooksCommand,
    forecastCommand, planCommand, simulateCommand, demandCommand, backupCommand, restoreCommand,
  ]) {
    register(program);
  }
  return program;
}

// A reader that stops early (`restock orders list | head`) closes the pipe: stop quietly, as Unix
// tools do, instead of dying on an unhandled EPIPE. A transaction in progress rolls back.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT.ok);
  });
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  const informational = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) && error.exitCode === 0;
  process.exitCode = informational ? EXIT.ok : EXIT.badInput;
}
