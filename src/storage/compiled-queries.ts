import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { DialectName } from './dialect-name.js';

type Executor = Kysely<Database> | Transaction<Database>;
type Scalar = string | number | null;
type Row = { readonly [column: string]: Scalar };

/** What a compiled query is run with: scalars, flat rows, or lists of either. */
export type QueryValues = { readonly [name: string]: Scalar | Row | readonly Scalar[] | readonly Row[] };

/** Where a value sits in the values a compiled query is run with. */
class Slot {
  constructor(
    readonly name: string,
    readonly index: number | null,
    readonly column: string | null,
  ) {}

  valueIn(values: QueryValues): unknown {
    const entry = values[this.name];
    const item = this.index === null ? entry : (entry as readonly unknown[])[this.index];
    const value = this.column === null ? item : (item as Row)[this.column];
    if (value === undefined) throw new Error(`compiled query: no value for ${this.name}[${this.index ?? ''}].${this.column ?? ''}`);
    return value;
  }
}

/** A query's SQL text and, for each of its parameters, where its value sits. */
interface Shape {
  readonly sql: string;
  readonly slots: readonly Slot[];
}

/** At most this many parameters in all cached shapes (a 500-row insert of 11 columns has 5,500). */
const MAX_CACHED_PARAMETERS = 200_000;
const shapes = new Map<string, Shape>();
let cachedParameters = 0;

/**
 * Runs the query `build` makes, built and compiled by Kysely only the first time a shape is seen:
 * building and compiling cost more in JavaScript than SQLite takes to run most small statements.
 * `build` gets placeholders in the shape of `values` (never the values themselves; they are typed
 * as the values for Kysely's sake), so the SQL it makes can depend only on the dialect, the `name`
 * of the call site and the lengths of the lists, which together are the cache key. A built query
 * holding anything but placeholders as values is refused, so no value of one call can leak into
 * another. The rows of one list must always have the same columns.
 */
export async function runCompiled<R, V extends QueryValues>(
  db: Executor,
  dialect: DialectName,
  name: string,
  values: V,
  build: (placeholders: V) => Compilable<R> | RawBuilder<R>,
): Promise<QueryResult<R>> {
  const key = shapeKey(dialect, name, values);
  let shape = shapes.get(key);
  if (!shape) {
    shape = compile(db, name, build(placeholdersFor(values)));
    remember(key, shape);
  }
  const parameters = shape.slots.map((slot) => slot.valueIn(values));
  return db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>);
}

function compile(db: Executor, name: string, built: Compilable<unknown> | RawBuilder<unknown>): Shape {
  const query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
  const slots = query.parameters.map((parameter) => {
    if (!(parameter instanceof Slot)) throw new Error(`compiled query ${name} holds a value that is not a placeholder: ${String(parameter)}`);
    return parameter;
  });
  return { sql: query.sql, slots };
}

function remember(key: string, shape: Shape): void {
  while (shapes.size > 0 && cachedParameters + shape.slots.length > MAX_CACHED_PARAMETERS) {
    const [oldest, evicted] = shapes.entries().next().value as [string, Shape];
    shapes.delete(oldest);
    cachedParameters -= evicted.slots.length;
  }
  shapes.set(key, shape);
  cachedParameters += shape.slots.length;
}

function shapeKey(dialect: DialectName, name: string, values: QueryValues): string {
  let key = `${dialect}|${name}`;
  for (const entry in values) {
    const value = values[entry];
    if (Array.isArray(value)) key += `|${entry}:${value.length}`;
  }
  return key;
}

function placeholdersFor<V extends QueryValues>(values: V): V {
  const placeholders: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    placeholders[name] = Array.isArray(value) ? value.map((item: unknown, index) => placeholder(name, index, item)) : placeholder(name, null, value);
  }
  return placeholders as V;
}

function placeholder(name: string, index: number | null, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return new Slot(name, index, null);
  return Object.fromEntries(Object.keys(value).map((column) => [column, new Slot(name, index, column)]));
}
