import type { Command } from 'commander';
import { cancelOrder } from '../../app/cancel-order.js';
import { changeOrderPriority } from '../../app/change-order-priority.js';
import { getOrder } from '../../app/get-order.js';
import { listOrders } from '../../app/list-orders.js';
import { wasReplayed } from '../../app/once-per-key.js';
import type { OrderView } from '../../app/order-view.js';
import { placeOrder } from '../../app/place-order.js';
import { fail, type Result } from '../../app/result.js';
import { shipOrder } from '../../app/ship-order.js';
import { unitsOf } from '../../domain/replenish/explain-plan.js';
import { idArgument, lineArguments, numeric } from '../args.js';
import { action, CliFailure, unwrap } from '../context.js';
import { cell, eta, instant, withCursor } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderFields, renderTable } from '../table.js';

interface PlaceOptions {
  externalId?: string;
  priority?: string;
  shortage?: string;
  customerId?: string;
  customerEmail?: string;
  customerName?: string;
  idempotencyKey?: string;
}

/** `restock orders place|get|list|ship|cancel|priority`. */
export function ordersCommand(program: Command): void {
  const orders = program.command('orders').description('orders: placing, shipping, cancelling, priorities');

  orders
    .command('place <lines...>')
    .description('place an order; lines are SKU:QUANTITY (e.g. WIDGET:2 GADGET:1)')
    .option('--external-id <id>', 'your reference; placing it again returns the same order')
    .option('--priority <n>', 'higher is served first from the backorder queue')
    .option('--shortage <mode>', 'backorder (default), partial or in_stock_only')
    .option('--customer-id <id>', 'customer id')
    .option('--customer-email <email>', 'customer e-mail')
    .option('--customer-name <name>', 'customer name')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header')
    .action(action(async (ctx, lines: string[], options: PlaceOptions) => {
      const store = await ctx.store();
      const customer: Record<string, string> = {};
      if (options.customerId !== undefined) customer['id'] = options.customerId;
      if (options.customerEmail !== undefined) customer['email'] = options.customerEmail;
      if (options.customerName !== undefined) customer['name'] = options.customerName;
      const input: Record<string, unknown> = { lines: lineArguments(lines) };
      if (options.externalId !== undefined) input['externalId'] = options.externalId;
      if (options.priority !== undefined) input['priority'] = numeric(options.priority);
      if (options.shortage !== undefined) input['shortage'] = options.shortage;
      if (Object.keys(customer).length > 0) input['customer'] = customer;
      const placed = await placeOrder(store, input, { actor: ctx.actor, idempotencyKey: options.idempotencyKey });
      const order = unwrapOrder(placed);
      const said = wasReplayed(placed) ? `${REPLAYED} order ${order.id} was placed before (${order.status}); nothing new was placed` : `placed order ${order.id} (${order.status})`;
      ctx.print(order, () => `${said}\n\n${renderOrder(order)}`);
    }));

  orders
    .command('get <id>')
    .description('an order and where each unit stands')
    .action(action(async (ctx, id: string) => {
      const store = await ctx.store();
      const order = unwrap(await getOrder(store, idArgument('id', id)));
      ctx.print(order, () => renderOrder(order));
    }));

  orders
    .command('list')
    .description('orders, newest first')
    .option('--status <status>', 'open, backordered (every order with units waiting, partially shipped ones too), partially_shipped, shipped, cancelled or rejected')
    .option('--sku <sku>', 'only orders with a line for this sku')
    .option('--location <code>', 'only orders with units allocated at this location now (its pick list)')
    .option('--external-id <ref>', 'the order placed under this reference of the shop\'s (the one a customer quotes; rejected ones too)')
    .option('--customer-email <address>', 'orders of this customer e-mail address, in any case')
    .option('--customer-id <id>', 'orders of this customer id')
    .option('--updated-since <time>', 'orders changed at or after this date or ISO-8601 time (fills, promise dates, shipments, cancellations too)')
    .option('--limit <n>', 'at most this many orders (1–500, default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page gave it')
    .action(action(async (ctx, options: { status?: string; sku?: string; location?: string; externalId?: string; customerEmail?: string; customerId?: string; updatedSince?: string; limit?: string; cursor?: string }) => {
      const store = await ctx.store();
      const page = unwrapSelected(await listOrders(store, { ...options, limit: numeric(options.limit) as number | undefined }));
      ctx.print(page, () =>
        withCursor(page, page.items.length === 0
          ? 'no orders'
          : renderTable(
              [{ header: 'id', align: 'right' }, { header: 'placed' }, { header: 'status' }, { header: 'priority', align: 'right' }, { header: 'customer' }, { header: 'lines' }, { header: 'waiting', align: 'right' }, { header: 'eta' }],
              page.items.map((o) => [
                String(o.id), instant(o.placedAt), o.supersededBy === null ? o.status : `${o.status} (superseded by ${o.supersededBy})`, String(o.priority), cell(o.customer.name ?? o.customer.email ?? o.customer.id),
                o.lines.map((l) => `${l.sku}×${l.quantity}`).join(' '), String(o.lines.reduce((sum, l) => sum + l.backordered, 0)), latestEta(o),
              ]),
            )),
      );
    }));

  orders
    .command('ship <id> [lines...]')
    .description('ship allocated units; lines are SKU:QUANTITY or SKU:QUANTITY@LOCATION (none: every allocated unit)')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry ships nothing more')
    .action(action(async (ctx, id: string, lines: string[], options: { idempotencyKey?: string }) => {
      const orderId = idArgument('id', id);
      const store = await ctx.store();
      let shipment = lineArguments(lines, { withLocation: true });
      if (shipment.length === 0) {
        const found = unwrap(await getOrder(store, orderId));
        shipment = found.lines.filter((l) => l.allocated > 0).map((l) => ({ sku: l.sku, quantity: l.allocated }));
        if (shipment.length === 0) throw new CliFailure(fail('INSUFFICIENT_ALLOCATION', `order ${orderId} has no allocated units to ship`));
      }
      const shipped = await shipOrder(store, orderId, { lines: shipment }, ctx.actor, { idempotencyKey: options.idempotencyKey });
      const order = unwrap(shipped);
      const said = wasReplayed(shipped)
        ? `${REPLAYED} this shipment from order ${order.id} was made before (${order.status}); nothing more was shipped`
        : `shipped from order ${order.id} (${order.status})`;
      ctx.print(order, () => `${said}\n\n${renderOrder(order)}`);
    }));

  orders
    .command('cancel <id> [lines...]')
    .description('cancel a whole order, or SKU:QUANTITY units of its lines (backordered units go first)')
    .option('--reason <text>', 'why (sent with the order.cancelled event)')
    .option('--idempotency-key <key>', 'retry-safe key, as the API header: a retry cancels nothing more')
    .action(action(async (ctx, id: string, lines: string[], options: { reason?: string; idempotencyKey?: string }) => {
      const orderId = idArgument('id', id);
      const store = await ctx.store();
      const input: Record<string, unknown> = {};
      if (lines.length > 0) input['lines'] = lineArguments(lines);
      if (options.reason !== undefined) input['reason'] = options.reason;
      const cancelled = await cancelOrder(store, orderId, input, ctx.actor, { idempotencyKey: options.idempotencyKey });
      const order = unwrap(cancelled);
      const said = wasReplayed(cancelled)
        ? `${REPLAYED} this cancellation of order ${order.id} was made before (${order.status}); nothing more was cancelled`
        : `cancelled ${lines.length > 0 ? 'units of ' : ''}order ${order.id} (${order.status})`;
      ctx.print(order, () => `${said}\n\n${renderOrder(order)}`);
    }));

  orders
    .command('priority <id> <priority>')
    .description("change an order's priority (moves its backorders in their queues)")
    .action(action(async (ctx, id: string, priority: string) => {
      const orderId = idArgument('id', id);
      const store = await ctx.store();
      const order = unwrap(await changeOrderPriority(store, orderId, { priority: numeric(priority) }, ctx.actor));
      ctx.print(order, () => `order ${order.id} now has priority ${order.priority}`);
    }));
}

/** How the CLI says that an answer is the first outcome of the same request again (the API's Idempotent-Replayed). */
const REPLAYED = 'replayed:';

/** A placement result; a rejection is explained line by line, as the API's 409 details do. */
function unwrapOrder(result: Result<OrderView>): OrderView {
  if (result.ok || result.code !== 'OUT_OF_STOCK') return unwrap(result);
  const details = result.details as { lines?: { sku: string; requested: number; available: number; backorderable: number | null }[] } | undefined;
  const lines = details?.lines ?? [];
  const explanation = renderTable(
    [{ header: 'sku' }, { header: 'requested', align: 'right' }, { header: 'available', align: 'right' }, { header: 'backorderable', align: 'right' }],
    lines.map((l) => [l.sku, String(l.requested), String(l.available), l.backorderable === null ? 'unlimited' : String(l.backorderable)]),
  );
  const replay = wasReplayed(result) ? `${REPLAYED} the same order was rejected before; this is that answer again` : null;
  throw new CliFailure(result, [lines.length > 0 ? explanation : null, replay].filter((text) => text !== null).join('\n\n') || undefined);
}

function renderOrder(order: OrderView): string {
  const customer = [order.customer.name, order.customer.email, order.customer.id].filter((v) => v !== null).join(', ');
  const header = renderFields([
    ['order', String(order.id)],
    ['external id', cell(order.externalId)],
    // A rejection placed again under its external id: the later order is the customer order's demand.
    ['status', order.supersededBy === null ? order.status : `${order.status} (superseded by order ${order.supersededBy})`],
    ['customer', cell(customer)],
    ['priority', String(order.priority)],
    ['shortage', order.shortage],
    ['placed', order.placedAt],
    ['updated', order.updatedAt],
  ]);
  const shownPlaces = order.lines.some((l) => l.queue);
  const lines = renderTable(
    [{ header: 'sku' }, { header: 'qty', align: 'right' }, { header: 'allocated', align: 'right' }, { header: 'at' }, { header: 'backordered', align: 'right' }, { header: 'shipped', align: 'right' }, { header: 'cancelled', align: 'right' }, { header: 'eta' }, ...(shownPlaces ? [{ header: 'queue' }] : [])],
    order.lines.map((l) => [
      l.sku, String(l.quantity), String(l.allocated), cell(l.allocations.map((a) => `${a.location}:${a.quantity}`).join(' ')),
      String(l.backordered), String(l.shipped), String(l.cancelled), l.backordered > 0 ? eta(l.eta, l.etaEstimated) : '–',
      ...(shownPlaces ? [l.queue ? `#${l.queue.position}, ${unitsOf(l.queue.unitsAhead)} ahead` : '–'] : []),
    ]),
  );
  return `${header}\n\n${lines}`;
}

function latestEta(order: OrderView): string {
  const waiting = order.lines.filter((l) => l.backordered > 0 && l.eta !== null);
  if (waiting.length === 0) return '–';
  const last = waiting.reduce((a, b) => ((a.eta ?? '') >= (b.eta ?? '') ? a : b));
  return eta(last.eta, last.etaEstimated);
}
