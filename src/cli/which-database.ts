import { resolve } from 'node:path';
import { invalid, type Failure } from '../app/result.js';
import { DEFAULT_SQLITE_PATH, type StoreOptions } from '../storage/open-store.js';

/**
 * The database `options` name, as an operator should read it ("SQLite database /srv/restock/data/restock.db"): SQLite's file by its absolute path
 * (the default ./data/restock.db depends on the folder a command runs in), PostgreSQL's URL without
 * its password.
 */
export function databaseInUse(options: StoreOptions): string {
  if (options.databaseUrl) return `PostgreSQL database ${withoutPassword(options.databaseUrl)}`;
  return `SQLite database ${resolve(options.sqlitePath ?? DEFAULT_SQLITE_PATH)}`;
}

/**
 * A command that only uses a database met none at `path` (absolute): bad input naming
 * RESTOCK_SQLITE_PATH (exit 2), saying the three ways out.
 */
export function noDatabaseAt(path: string): Failure {
  const failure = invalid('RESTOCK_SQLITE_PATH', [
    `there is no database at ${path}.`,
    `Run restock from the folder the service runs in (the default database, ${DEFAULT_SQLITE_PATH}, is relative to it),`,
    'set RESTOCK_SQLITE_PATH to the database file, or run `restock migrate` to create a new database there.',
  ].join(' '));
  return { ...failure, details: { field: 'RESTOCK_SQLITE_PATH', path } };
}

/** A PostgreSQL URL with no password in its user part or its query; a socket path as it is. */
function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    if (url.searchParams.has('password')) url.searchParams.delete('password');
    return url.toString();
  } catch {
    return databaseUrl.startsWith('/') ? databaseUrl : '(DATABASE_URL)';
  }
}
