import { sql, type Kysely, type Transaction } from 'kysely';
import type { InvariantViolation } from '../app/check-invariants.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Set-based checks of SPEC §3's invariants; each query returns only the offending rows, each named
 * first by what an operator acts on (sku, location code, order id and external id, line number),
 * then by its internal ids, then by the figures that disagree. Left joins: a check still reports a
 * row whose item or location is gone.
 */
export async function findInvariantViolations(db: Executor): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];
  const add = (invariant: number, message: string, rows: readonly Record<string, unknown>[]) => {
    for (const row of rows) violations.push({ invariant, message, subject: row });
  };

  add(1, '0 ≤ allocated ≤ onHand is broken', (await sql<Record<string, unknown>>`
    select i.sku, l.code as location, s.item_id, s.location_id, s.on_hand, s.allocated
    from stock_levels s left join items i on i.id = s.item_id left join locations l on l.id = s.location_id
    where s.allocated < 0 or s.allocated > s.on_hand`.execute(db)).rows);

  add(2, 'stock level differs from the sum of its ledger movements', (await sql<Record<string, unknown>>`
    select i.sku, l.code as location, d.item_id, d.location_id, d.on_hand, d.allocated, d.ledger_on_hand, d.ledger_allocated
    from (
      select s.item_id, s.location_id, s.on_hand, s.allocated, coalesce(m.on_hand, 0) as ledger_on_hand, coalesce(m.allocated, 0) as ledger_allocated
      from stock_levels s
      left join (select item_id, location_id, cast(sum(on_hand_delta) as bigint) as on_hand, cast(sum(allocated_delta) as bigint) as allocated
                 from movements group by item_id, location_id) m on m.item_id = s.item_id and m.location_id = s.location_id
      where s.on_hand <> coalesce(m.on_hand, 0) or s.allocated <> coalesce(m.allocated, 0)
      union all
      select m.item_id, m.location_id, 0, 0, m.on_hand, m.allocated
      from (select item_id, location_id, cast(sum(on_hand_delta) as bigint) as on_hand, cast(sum(allocated_delta) as bigint) as allocated
            from movements group by item_id, location_id) m
      where not exists (select 1 from stock_levels s where s.item_id = m.item_id and s.location_id = m.location_id)
        and (m.on_hand <> 0 or m.allocated <> 0)
    ) d
    left join items i on i.id = d.item_id left join locations l on l.id = d.location_id`.execute(db)).rows);

  add(3, 'allocated differs from the sum of open line allocations there', (await sql<Record<string, unknown>>`
    select i.sku, l.code as location, s.item_id, s.location_id, s.allocated, coalesce(a.quantity, 0) as line_allocations
    from stock_levels s
    left join (select item_id, location_id, cast(sum(quantity) as bigint) as quantity from line_allocations group by item_id, location_id) a
      on a.item_id = s.item_id and a.location_id = s.location_id
    left join items i on i.id = s.item_id left join locations l on l.id = s.location_id
    where s.allocated <> coalesce(a.quantity, 0)`.execute(db)).rows);

  add(4, 'quantity ≠ allocated + backordered + shipped + cancelled, or allocated ≠ its allocations', (await sql<Record<string, unknown>>`
    select l.order_id, o.external_id, l.line_no, i.sku, l.id as line_id,
           l.quantity, l.allocated, l.backordered, l.shipped, l.cancelled, coalesce(a.quantity, 0) as allocations
    from order_lines l
    left join (select line_id, cast(sum(quantity) as bigint) as quantity from line_allocations group by line_id) a on a.line_id = l.id
    left join orders o on o.id = l.order_id left join items i on i.id = l.item_id
    where l.quantity <> l.allocated + l.backordered + l.shipped + l.cancelled or l.allocated <> coalesce(a.quantity, 0)`.execute(db)).rows);

  add(5, 'a backorder waits while its item has available units at an active location', (await sql<Record<string, unknown>>`
    select i.sku, i.id as item_id, q.waiting, s.available
    from items i
    join (select item_id, cast(sum(backordered) as bigint) as waiting from order_lines where backordered > 0 group by item_id) q on q.item_id = i.id
    join (select sl.item_id, cast(sum(sl.on_hand - sl.allocated) as bigint) as available
          from stock_levels sl join locations loc on loc.id = sl.location_id where loc.active = 1 group by sl.item_id) s on s.item_id = i.id
    where s.available > 0`.execute(db)).rows);

  add(6, "an item's count of waiting units differs from its queue (the backorder limit is enforced against it)", (await sql<Record<string, unknown>>`
    select i.sku, i.id as item_id, i.backordered, coalesce(q.waiting, 0) as waiting
    from items i
    left join (select item_id, cast(sum(backordered) as bigint) as waiting from order_lines where backordered > 0 group by item_id) q on q.item_id = i.id
    where i.backordered <> coalesce(q.waiting, 0)`.execute(db)).rows);

  // Not one of SPEC §3's six: an accepted order's status is derived from its lines (orderStatus),
  // stored for lists to filter by, and must never say other than its lines do.
  add(7, "an order's status differs from the one its lines give", (await sql<Record<string, unknown>>`
    select o.id as order_id, o.external_id, o.status, t.expected
    from orders o
    join (select order_id,
            case when sum(allocated) + sum(backordered) = 0 then case when sum(shipped) > 0 then 'shipped' else 'cancelled' end
                 when sum(shipped) > 0 then 'partially_shipped'
                 when sum(backordered) > 0 then 'backordered'
                 else 'open' end as expected
          from order_lines group by order_id) t on t.order_id = o.id
    where o.status <> 'rejected' and o.status <> t.expected`.execute(db)).rows);

  // Not one of SPEC §3's six either: a purchase-order line's units are each received, cancelled or
  // still to come (open, what incoming supply and promise dates count), so a line never has units
  // both received and cancelled; received beyond the quantity (an over-receipt) only with none cancelled.
  add(8, "a purchase-order line's received and cancelled units overlap (received + cancelled + open ≠ quantity)", (await sql<Record<string, unknown>>`
    select pl.po_id, pl.line_no, i.sku, pl.id as line_id, po.status, pl.quantity, pl.received, pl.cancelled
    from po_lines pl
    left join purchase_orders po on po.id = pl.po_id left join items i on i.id = pl.item_id
    where pl.cancelled > 0 and pl.received + pl.cancelled > pl.quantity`.execute(db)).rows);

  return violations;
}
