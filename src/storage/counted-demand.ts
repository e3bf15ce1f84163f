import { sql, type RawBuilder } from 'kysely';

/**
 * SQL that holds for a row (an order line, a lost-demand row) whose order counts as demand: a
 * rejected order placed again under its external id was superseded by the later attempt, which
 * counts instead (SPEC §3: every unit asked for counts, once). `orderId` names the row's order
 * column; a row without an order counts. The superseded orders are few and indexed
 * (orders_superseded), so both dialects read them once per statement, not once per row.
 */
export function countedDemand(orderId: string): RawBuilder<boolean> {
  const column = sql.ref(orderId);
  return sql<boolean>`(${column} is null or ${column} not in (select id from orders where superseded_by is not null))`;
}
