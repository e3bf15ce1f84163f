/** Every event type the outbox carries (SPEC §6), plus the operational ones this service adds. */
export const EVENT_TYPES = [
  'order.placed',
  'order.rejected',
  'order.priority_changed',
  'line.backordered',
  'backorder.allocated',
  'backorder.eta_changed',
  'allocation.moved',
  'order.shipped',
  'order.cancelled',
  'item.created',
  'item.status_changed',
  'stock.low',
  'po.sent',
  'po.received',
  'po.cancelled',
  'po.lines_cancelled',
  'subscription.notified',
  'endpoint.disabled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** A webhook's filter entry: an exact type, or a family such as `order.*`. */
export const EVENT_FILTER_PATTERN = /^[a-z_]+(\.[a-z_]+|\.\*)$/;

/**
 * Whether an endpoint that asked for `filter` wants an event of `type`: an empty filter wants
 * everything; `order.*` wants every `order.` type.
 */
export function wantsEvent(filter: readonly string[], type: string): boolean {
  if (filter.length === 0) return true;
  return filter.some((entry) => entry === type || (entry.endsWith('.*') && type.startsWith(entry.slice(0, -1))));
}
