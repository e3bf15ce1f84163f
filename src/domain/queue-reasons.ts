/**
 * The ledger reasons of the movements that take units off the backorder queue and put them back:
 * written by the use cases, looked for by the KPIs (and partial indexes) that rebuild the queue's history.
 */
export const FILLED_FROM_QUEUE = 'backorder filled';
export const RETURNED_TO_QUEUE = 'returned to queue: stock count fell below allocations';
