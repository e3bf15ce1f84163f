import { Type } from '@fastify/type-provider-typebox';
import { Count, Customer, EtaEstimated, Instant, IsoDate, Nullable, PageOf, PageQuery, Sku } from './common.js';

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
