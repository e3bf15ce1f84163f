#!/usr/bin/env node
import { Command, CommanderError, Help } from 'commander';
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

/** Adds a command group (or joins one, as `import demand` does) to the program. */
type Registrar = (program: Command) => void;

/**
 * Each top-level command and the module that registers it, loaded only when asked for: a command
 * then imports its own use cases and no other's, so `restock orders list` starts in about half the
 * time it took with every command loaded. `import` also loads `demand`, which adds `import demand`.
 * The order is the order of `restock --help`.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Registrar>>> = {
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  items: async () => (await import('./commands/items.js')).itemsCommand,
  locations: async () => (await import('./commands/locations.js')).locationsCommand,
  stock: async () => (await import('./commands/stock.js')).stockCommand,
  availability: async () => (await import('./commands/availability.js')).availabilityCommand,
  orders: async () => (await import('./commands/orders.js')).ordersCommand,
  backorders: async () => (await import('./commands/backorders.js')).backordersCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  keys: async () => (await import('./commands/keys.js')).keysCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  kpis: async () => (await import('./commands/kpis.js')).kpisCommand,
  suppliers: async () => (await import('./commands/suppliers.js')).suppliersCommand,
  po: async () => (await import('./commands/po.js')).poCommand,
  worker: async () => (await import('./commands/worker.js')).workerCommand,
  webhooks: async () => (await import('./commands/webhooks.js')).webhooksCommand,
  forecast: async () => (await import('./commands/forecast.js')).forecastCommand,
  plan: async () => (await import('./commands/plan.js')).planCommand,
  simulate: async () => (await import('./commands/simulate.js')).simulateCommand,
  demand: async () => (await import('./commands/demand.js')).demandCommand,
  backup: async () => (await import('./commands/backup.js')).backupCommand,
  restore: async () => (await import('./commands/restore.js')).restoreCommand,
};

/** The registrars `argv` needs: its command's own (with `demand` for `import`), or every one for help, no command or an unknown one. */
async function registrarsFor(argv: readonly string[]): Promise<Registrar[]> {
  const args = argv.slice(2);
  const at = args.findIndex((arg) => !arg.startsWith('-'));
  const named = at < 0 ? undefined : args[at];
  // `restock --help orders` shows the program's help, which lists every group.
  const helpFirst = args.slice(0, at < 0 ? args.length : at).some((arg) => arg === '-h' || arg === '--help');
  const one = named !== undefined && !helpFirst && Object.hasOwn(COMMANDS, named);
  const wanted = one ? (named === 'import' ? ['import', 'demand'] : [named]) : Object.keys(COMMANDS);
  return Promise.all(wanted.map((name) => (COMMANDS[name] as () => Promise<Registrar>)()));
}

/**
 * The `restock` command line: the global --json option, the exit codes, and the command groups
 * `argv` asks for. With --json anywhere in `argv`, usage errors too are printed as {"error": …} on stderr.
 */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
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
    // Every command's help marks the options it cannot run without (commands inherit this).
    .configureHelp({ optionDescription: (option) => `${new Help().optionDescription(option)}${option.mandatory ? ' (required)' : ''}` })
    .addHelpText('after', `${EXIT_CODES_HELP}\n${ENVIRONMENT_HELP}`)
    // Usage errors end with the bad-input exit code; the handler below maps them.
    .exitOverride();
  for (const register of await registrarsFor(argv)) register(program);
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
  await (await buildProgram()).parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  const informational = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) && error.exitCode === 0;
  process.exitCode = informational ? EXIT.ok : EXIT.badInput;
}
