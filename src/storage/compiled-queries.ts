import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult, type RawBuilder, type Transaction } from 'kysely';
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

const MAX_SHAPES = 2_000;
const compiled = new Map<string, CompiledQuery>();

/**
 * Runs the query `build` makes, built and compiled by Kysely only the first time a shape is seen:
 * building and compiling cost more in JavaScript than SQLite takes to run most small statements.
 * `build` gets placeholders in the shape of `values` (never the values themselves), so the SQL
 * it makes can depend only on the dialect, the `name` of the call site and the lengths of the
 * lists, which together are the cache key; a value the query holds that is not a placeholder is
 * refused, so no value of one call can leak into another.
 */
export async function runCompiled<R, V extends QueryValues>(
  db: Executor,
  dialect: DialectName,
  name: string,
  values: V,
  build: (placeholders: V) => Compilable<R> | RawBuilder<R>,
): Promise<QueryResult<R>> {
  const key = shapeKey(dialect, name, values);
  let query = compiled.get(key);
  if (!query) {
    const built = build(placeholdersFor(values));
    query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
    const fixed = query.parameters.find((p) => !(p instanceof Slot));
    if (fixed !== undefined) throw new Error(`compiled query ${name} holds a value that is not a placeholder: ${String(fixed)}`);
    if (compiled.size >= MAX_SHAPES) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, query);
  }
  const parameters = query.parameters.map((slot) => (slot as Slot).valueIn(values));
  return db.executeQuery<R>({ sql: query.sql, query: query.query, parameters, queryId: createQueryId() });
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
