import { Type } from '@fastify/type-provider-typebox';
import { MOVEMENT_KINDS, MOVEMENT_ORDERS } from '../../app/list-movements.js';
import { MAX_QUANTITY } from '../../app/validate.js';
import { Count, Instant, List, LocationCode, Nullable, PageOf, PageQuery, Quantity, Sku, Text } from './common.js';
import { replayable } from './replayable.js';
import { ImportWarning, importReportFields } from './imports.js';

export const Adjustment = Type.Object(
  {
    sku: Sku,
    location: LocationCode,
    delta: Type.Optional(Type.Integer({ minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY, description: 'change of on-hand units (not zero)' })),
    count: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_QUANTITY, description: 'absolute on-hand units counted' })),
    reason: Text(500),
  },
  { additionalProperties: false, description: 'give exactly one of delta or count' },
);

export const AdjustmentResult = Type.Object({
  sku: Type.String(),
  location: Type.String(),
  onHand: Count,
  allocated: Count,
  delta: Type.Integer(),
  returnedToQueue: Type.Integer({ description: 'allocated units taken back into the queue because the count fell below them' }),
  movedToOtherLocations: Type.Integer({ description: 'allocated units the count moved to free units at other locations instead' }),
  backordersFilled: Type.Integer({ description: 'units of waiting backorders this change filled, in queue order' }),
});

export const StockImportReport = Type.Object({
  ...importReportFields,
  created: Type.Integer({ description: 'rows counting stock where the item had no stock level at that location yet (a level once made and now at 0 is updated)' }),
  updated: Type.Integer({ description: 'rows whose count changed the on-hand stock of an existing stock level' }),
  unchanged: Type.Integer({ description: 'rows whose count was already on hand' }),
  warnings: List(ImportWarning),
  backordersFilled: Type.Integer({ description: 'units of waiting backorders the counts filled (in a dry run: would fill)' }),
  returnedToQueue: Type.Integer({ description: 'allocated units counts below them returned to the queue (in a dry run: would return); one row may return units another fills' }),
}, { title: 'StockImportReport' });

export const Transfer = Type.Object(
  { sku: Sku, from: LocationCode, to: LocationCode, quantity: Quantity, reason: Type.Optional(Text(500)) },
  { additionalProperties: false },
);

export const TransferResult = Type.Object({
  sku: Type.String(),
  from: Type.String(),
  to: Type.String(),
  quantity: Count,
  reference: Type.String(),
  backordersFilled: Type.Integer({ description: 'units of waiting backorders the move filled, in queue order (units moved out of an inactive location become available)' }),
});

export const ReplayableAdjustmentResult = replayable(AdjustmentResult, 'the stock was not changed again');
export const ReplayableTransferResult = replayable(TransferResult, 'nothing was moved again');

export const StockQuery = Type.Object({ sku: Type.Optional(Sku), location: Type.Optional(LocationCode), ...PageQuery }, { additionalProperties: false });

export const StockLevel = Type.Object({
  sku: Type.String(),
  location: Type.String(),
  locationActive: Type.Boolean(),
  onHand: Count,
  allocated: Count,
  available: Count,
}, { title: 'StockLevel' });

export const StockPage = PageOf(StockLevel);

export const MovementQuery = Type.Object(
  {
    sku: Type.Optional(Sku),
    location: Type.Optional(LocationCode),
    kind: Type.Optional(Type.Enum([...MOVEMENT_KINDS])),
    since: Type.Optional(Type.String({ maxLength: 40, description: 'date or ISO-8601 time, inclusive' })),
    until: Type.Optional(Type.String({ maxLength: 40, description: 'date or ISO-8601 time, exclusive' })),
    order: Type.Optional(Type.Enum([...MOVEMENT_ORDERS], { description: 'oldest first (default) or newest first' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const Movement = Type.Object({
  id: Type.Integer(),
  sku: Type.String(),
  location: Type.String(),
  kind: Type.Enum([...MOVEMENT_KINDS]),
  onHandDelta: Type.Integer(),
  allocatedDelta: Type.Integer(),
  reason: Nullable(Type.String()),
  orderId: Nullable(Type.Integer()),
  lineId: Nullable(Type.Integer()),
  reference: Nullable(Type.String()),
  actor: Type.String(),
  createdAt: Instant,
}, { title: 'Movement' });

export const MovementPage = PageOf(Movement);
