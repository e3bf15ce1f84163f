import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { fail, type Failure, type Result } from '../app/result.js';
import { readSettings } from '../app/settings-reader.js';
import { storeOptionsFromEnv } from '../config.js';
import type { OpenedStore, StoreOptions } from '../storage/open-store.js';
import { DatabaseMissing, StorageUnavailable } from '../storage/storage-errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createProgress, type Progress } from './progress.js';
import { databaseInUse, noDatabaseAt } from './which-database.js';

/** An expected failure that ends a command: printed like the API's error, with an exit code from its code. */
export class CliFailure extends Error {
  constructor(
    readonly failure: Failure,
    /** Extra lines for people (e.g. every bad row of an import), printed under the error line. */
    readonly explanation?: string,
  ) {
    super(failure.message);
  }
}

/** What every command gets: output mode, the acting user, and the database (opened on first use). */
export interface CliContext {
  readonly json: boolean;
  readonly actor: string;
  /**
   * Opens the configured database once per command (DATABASE_URL or RESTOCK_SQLITE_PATH). A SQLite
   * file that is not there is bad input naming its path, unless the command makes databases
   * (`createIfMissing: true`: serve, migrate, demo).
   */
  store(overrides?: Partial<StoreOptions>): Promise<OpenedStore>;
  /** The database `store()` opens, for people: SQLite's absolute path, PostgreSQL's URL without its password. */
  databaseInUse(): string;
  /** Prints a result: `value` as JSON with `--json`, else the text `human` renders for people. */
  print(value: unknown, human: () => string): void;
  progress(label: string): Progress;
}

/** The value of a successful result, or a CliFailure that ends the command with the API's code and message. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliFailure(result);
  return result.value;
}

/** Ends the command with a validation failure naming the field, as the API would. */
export function badInput(field: string, message: string): never {
  throw new CliFailure(fail('VALIDATION_FAILED', `${field}: ${message}`, { field }));
}

/**
 * Wraps a command handler: builds its context from the global options, runs it, prints any
 * failure as `error CODE: message` (or a JSON error with --json) and sets the exit code.
 * The database is always closed, so the process ends on its own.
 */
export function action<A extends unknown[]>(handler: (ctx: CliContext, ...args: A) => Promise<void>) {
  return async (...raw: unknown[]): Promise<void> => {
    const command = raw[raw.length - 1] as Command;
    const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
    let opened: OpenedStore | undefined;
    const ctx: CliContext = {
      json,
      actor: cliActor(),
      async store(overrides) {
        if (!opened) opened = await open({ createIfMissing: false, ...unwrap(storeOptionsFromEnv()), ...overrides });
        return opened;
      },
      databaseInUse: () => databaseInUse(unwrap(storeOptionsFromEnv())),
      print(value, human) {
        process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
      },
      // SPEC §9: a bar on a terminal, quiet when piped: output going to a pipe or file means a
      // script (or `| less`), even while stderr is still the terminal.
      progress: (label) => (json || !process.stdout.isTTY ? createProgress(label, silentStream) : createProgress(label)),
    };
    let debug = false;
    try {
      // RESTOCK_DEBUG: an unexpected error's stack trace is printed under it.
      debug = unwrap(readSettings(process.env, (setting) => setting.switch('RESTOCK_DEBUG'))) ?? false;
      await handler(ctx, ...(raw.slice(0, -1) as A));
    } catch (error) {
      report(error, json, debug);
    } finally {
      if (opened) await opened.close().catch(() => undefined);
    }
  };
}

const silentStream = { isTTY: false } as NodeJS.WriteStream;

async function open(options: StoreOptions): Promise<OpenedStore> {
  try {
    // Loaded on first use: help, --version and usage errors answer without the database drivers.
    const { openStore } = await import('../storage/open-store.js');
    return await openStore(options);
  } catch (error) {
    if (error instanceof DatabaseMissing) throw error;
    // Whatever else stops the database from opening (no server, no permission, a locked file) is unavailability.
    const wrapped = StorageUnavailable.wrap(error);
    throw wrapped instanceof StorageUnavailable ? wrapped : new StorageUnavailable('the database could not be opened', error);
  }
}

function report(error: unknown, json: boolean, debug: boolean): void {
  if (error instanceof DatabaseMissing) return report(new CliFailure(noDatabaseAt(error.path)), json, debug);
  if (error instanceof CliFailure) {
    printError(error.failure, json, error.explanation);
    process.exitCode = exitCodeFor(error.failure.code);
    return;
  }
  if (error instanceof StorageUnavailable) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    printError(fail('UNAVAILABLE', `${error.message}${cause}`), json);
    process.exitCode = EXIT.unavailable;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  printError(fail('INTERNAL', message), json);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = EXIT.failure;
}

function printError(failure: Failure, json: boolean, explanation?: string): void {
  if (json) {
    const body = { code: failure.code, message: failure.message, details: failure.details ?? null };
    process.stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`error ${failure.code}: ${failure.message}\n`);
  if (explanation) process.stderr.write(`${explanation}\n`);
}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
