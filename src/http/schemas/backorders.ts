import { Type } from '@fastify/type-provider-typebox';
import { Count, Customer, EtaEstimated, Instant, IsoDate, List, Nullable, PageOf, PageQuery, Sku, Text } from './common.js';
import { replayable } from './replayable.js';

export const BackorderQuery = Type.Object(
  { sku: Type.Optional(Sku), ...PageQuery },
  { additionalProperties: false, description: 'with sku: that item\'s queue in serving order (whole unless limit or cursor is given); without: every waiting backorder, oldest first' },
);

export const Backorder = Type.Object({
  position: Type.Integer({ minimum: 1, description: 'place in its item\'s queue (1 is served first)' }),
  orderId: Type.Integer(),
  externalId: Nullable(Type.String()),
  lineId: Type.Integer(),
  sku: Type.String(),
  customer: Customer,
  quantity: Count,
  allocated: Count,
  backordered: Count,
  priority: Type.Integer({ description: 'why it stands here: priority first…' }),
  placedAt: Instant,
  ageDays: Count,
  eta: Nullable(IsoDate),
  etaEstimated: EtaEstimated,
  unitsAhead: Count,
}, { title: 'Backorder' });

export const BackorderPage = PageOf(Backorder);

export const BackorderCancellation = Type.Object(
  { reason: Text(500, 'why the waiting units are cancelled (kept in the audit trail and the order.cancelled events, never mailed to customers)') },
  { additionalProperties: false },
);

export const BackordersCancelled = Type.Object({
  sku: Type.String(),
  reason: Type.String(),
  cancelled: Type.Object({
    lines: Count, units: Count, orders: Count,
  }, { description: 'the waiting lines, their units and the orders they belonged to' }),
  orders: List(Type.Object({ orderId: Type.Integer(), externalId: Nullable(Type.String()), units: Count }, { description: 'an order and its units cancelled, in queue order' })),
}, { title: 'BackordersCancelled' });

/** The answer of a bulk cancellation, with the header a replay under the same Idempotency-Key carries. */
export const ReplayableBackordersCancelled = replayable(BackordersCancelled, 'nothing was cancelled again');
