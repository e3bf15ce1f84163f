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

/**
 * How many rows the database handed back to `work` (every connection of this test process), as
 * the drivers receive them: a loop that reads the same rows over and over shows here even when it
 * sends few statements.
 */
export async function countRowsRead(dialect: DialectName, work: () => Promise<unknown>): Promise<number> {
  let rows = 0;
  const restore: (() => void)[] = [];
  const wrap = (target: Record<string, Method>, name: string, counted: (original: Method) => Method) => {
    const original = target[name] as Method;
    target[name] = counted(original);
    restore.push(() => { target[name] = original; });
  };
  if (dialect === 'postgres') {
    // pg hands each row of a result to Query#handleDataRow as it arrives.
    wrap(pg.Query.prototype as unknown as Record<string, Method>, 'handleDataRow', (original) => function counted(this: unknown, ...args: unknown[]) {
      rows += 1;
      return original.apply(this, args);
    });
  } else {
    const target = sqliteStatementPrototype();
    wrap(target, 'all', (original) => function counted(this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      rows += Array.isArray(result) ? result.length : 0;
      return result;
    });
    wrap(target, 'get', (original) => function counted(this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      rows += result === undefined ? 0 : 1;
      return result;
    });
    wrap(target, 'iterate', (original) => function* counted(this: unknown, ...args: unknown[]) {
      for (const row of original.apply(this, args) as Iterable<unknown>) {
        rows += 1;
        yield row;
      }
    });
  }
  try {
    await work();
  } finally {
    for (const undo of restore) undo();
  }
  return rows;
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

/** The statements `work` sends to PostgreSQL (every connection of this test process), in order. */
export async function recordPostgresStatements(work: () => Promise<unknown>): Promise<RanStatement[]> {
  const ran: RanStatement[] = [];
  const target = pg.Query.prototype as unknown as Record<string, Method>;
  const original = target['submit'] as Method;
  target['submit'] = function recorded(this: unknown, ...args: unknown[]) {
    const query = this as { text: string; values?: unknown[] };
    ran.push({ sql: query.text, params: query.values ?? [] });
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    target['submit'] = original;
  }
  return ran;
}
