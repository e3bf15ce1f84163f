import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { DialectName } from './stores.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * How many statements `work` sends to the database, counted where the drivers run them (every
 * connection of this test process, so nothing else may run meanwhile): a use case that promises a
 * few statements per chunk of rows, not per row, is held to it.
 */
export async function countStatements(dialect: DialectName, work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  // pg sends every query through Query#submit (pooled clients' own `query` is bound when they connect).
  const target = dialect === 'postgres' ? (pg.Query.prototype as unknown as Record<string, Method>) : sqliteStatementPrototype();
  const names = dialect === 'postgres' ? ['submit'] : ['run', 'all', 'get', 'iterate'];
  const originals = names.map((name) => [name, target[name] as Method] as const);
  for (const [name, original] of originals) {
    target[name] = function counted(this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) target[name] = original;
  }
  return count;
}

/** A statement SQLite ran: its text and the values bound to it. */
export interface RanStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The statements `work` runs on SQLite (every connection of this test process), in order. */
export async function recordSqliteStatements(work: () => Promise<unknown>): Promise<RanStatement[]> {
  const ran: RanStatement[] = [];
  const target = sqliteStatementPrototype();
  const originals = ['run', 'all', 'get', 'iterate'].map((name) => [name, target[name] as Method] as const);
  for (const [name, original] of originals) {
    target[name] = function recorded(this: unknown, ...args: unknown[]) {
      ran.push({ sql: (this as { source: string }).source, params: args });
      return original.apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) target[name] = original;
  }
  return ran;
}

function sqliteStatementPrototype(): Record<string, Method> {
  const database = new BetterSqlite3(':memory:');
  try {
    return Object.getPrototypeOf(database.prepare('select 1')) as Record<string, Method>;
  } finally {
    database.close();
  }
}
