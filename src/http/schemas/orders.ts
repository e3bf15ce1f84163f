import { Type } from '@fastify/type-provider-typebox';
import { ORDER_STATUSES } from '../../app/list-orders.js';
import { EMAIL_PATTERN, MAX_LINES, SKU_PATTERN } from '../../app/validate.js';
import { replayable } from './replayable.js';
import { Count, Customer, EtaEstimated, Instant, IsoDate, List, LocationCode, Nullable, PageOf, PageQuery, Priority, Quantity, Sku, Text } from './common.js';

const Shortage = Type.Enum(['backorder', 'partial', 'in_stock_only'], { description: 'what happens to units that are not in stock (SPEC §3)' });
const OrderStatus = Type.Enum([...ORDER_STATUSES]);

const RequestedLine = Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false });

export const OrderCreate = Type.Object(
  {
    externalId: Type.Optional(Nullable(Text(128, 'your own unique order number; a repeat returns the first outcome, unless that was a rejection: a rejected order does not hold it, so it can be placed again, and the new order supersedes it (its demand counts once)'))),
    customer: Type.Optional(Nullable(Type.Object(
      {
        id: Type.Optional(Text(128)),
        email: Type.Optional(Type.String({ maxLength: 320, pattern: EMAIL_PATTERN.source })),
        name: Type.Optional(Text(200)),
      },
      { additionalProperties: false },
    ))),
    priority: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'higher is served first (default 0)' })),
    shortage: Type.Optional(Shortage),
    lines: Type.Array(RequestedLine, { minItems: 1, maxItems: MAX_LINES }),
  },
  { additionalProperties: false },
);


// OrderView types these two as plain strings; the schema still documents the values they take.
const ShortageText = Type.Unsafe<string>(Shortage);
const StatusText = Type.Unsafe<string>(OrderStatus);

export const Order = Type.Object({
  id: Type.Integer(),
  externalId: Nullable(Type.String()),
  customer: Customer,
  priority: Type.Integer(),
  shortage: ShortageText,
  status: StatusText,
  supersededBy: Nullable(Type.Integer({
    description: 'a rejected order placed again under the same externalId: the id of the next order placed under it (accepted or rejected again). The latest attempt is the customer order: a superseded rejection no longer counts as demand (units asked for, lost demand, fill-rate denominators, orders placed, demand history). null for every other order',
  })),
  placedAt: Instant,
  updatedAt: Instant,
  lines: List(Type.Object({
    id: Type.Integer(),
    sku: Type.String(),
    quantity: Count,
    allocated: Count,
    allocations: List(Type.Object({ location: Type.String(), quantity: Count })),
    backordered: Count,
    shipped: Count,
    cancelled: Count,
    eta: Nullable(IsoDate),
    etaEstimated: EtaEstimated,
    queue: Type.Optional(Nullable(Type.Object(
      { position: Type.Integer({ minimum: 1, description: '1 is served first' }), unitsAhead: Count },
      { description: "where the line's waiting units stand in its item's backorder queue (by priority, then placedAt, then line id), with the units waiting ahead of them; null when nothing of the line waits. In GET /orders/{id} only" },
    ))),
  })),
}, { title: 'Order' });

/**
 * An order as the answer of a retry-safe request: the header is there when the same request came
 * before (same Idempotency-Key, or a placement's externalId) and this is its first outcome again.
 */
export const ReplayableOrder = replayable(Order, 'nothing was done again (for a placement, also the same externalId; a placement replaying its rejection carries it on the 409 too)');

export const OrderPage = PageOf(Order);

export const OrderListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...ORDER_STATUSES], {
      description: 'orders of this status; backordered finds every order with units waiting in a queue, partially shipped ones too (they show partially_shipped, with the waiting units on their lines)',
    })),
    sku: Type.Optional(Sku),
    location: Type.Optional(Type.String({ pattern: SKU_PATTERN.source, description: 'orders with units allocated at this location now: what it has to pick and ship (a location code)' })),
    externalId: Type.Optional(Text(128, 'the order placed under this reference of yours (a rejected one too)')),
    customerEmail: Type.Optional(Text(320, 'orders of this customer e-mail address, in any case')),
    customerId: Type.Optional(Text(128, 'orders of this customer id')),
    updatedSince: Type.Optional(Type.String({
      maxLength: 40,
      description: 'orders changed at or after this date or ISO-8601 time (inclusive): placing, a fill from the queue, a moved promise date, a shipment, a cancellation, a return to the queue or a new priority each move updatedAt. A change is stamped as its transaction begins, so poll from a little before the newest updatedAt you saw (a minute, say) and skip orders whose updatedAt you already have',
    })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const Shipment = Type.Object(
  {
    lines: Type.Array(
      Type.Object({ sku: Sku, quantity: Quantity, location: Type.Optional(LocationCode) }, { additionalProperties: false }),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  { additionalProperties: false },
);

const CancelledLine = Type.Object({
  sku: Sku,
  quantity: Quantity,
  waitingOnly: Type.Optional(Type.Boolean({ description: 'cancel only units still backordered: refused (409) if fewer than quantity are still waiting, never taking allocated ones' })),
}, { additionalProperties: false });

export const Cancellation = Type.Object(
  {
    lines: Type.Optional(Type.Array(CancelledLine, { minItems: 1, maxItems: MAX_LINES })),
    reason: Type.Optional(Text(500)),
  },
  { additionalProperties: false, description: '{} cancels every open unit; lines cancels some units (backordered first, then allocated)' },
);

export const OrderPatch = Type.Object({ priority: Priority }, { additionalProperties: false });
