import { sql, type RawBuilder } from 'kysely';

/** The condition `and <column> in (…)` that keeps a KPI statement to the items of a report, or nothing for every item. */
export type ItemScope = (column: string) => RawBuilder<unknown>;

/**
 * Scopes KPI statements to the items `ids` (null: every item), so a report on a few items reads only
 * their rows in SQL rather than the catalogue's. No ids matches nothing (`in ()` is not SQL).
 */
export function itemScope(ids: readonly number[] | null): ItemScope {
  if (ids === null) return everyItem;
  if (ids.length === 0) return () => sql`and 1 = 0`;
  const list = sql.join(ids.map((id) => sql.lit(id)));
  return (column) => sql`and ${sql.ref(column)} in (${list})`;
}

/** No condition: the report covers every item. */
export const everyItem: ItemScope = () => sql``;
