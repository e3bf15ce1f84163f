import { Type } from '@fastify/type-provider-typebox';
import { MAX_AVAILABILITY_SKUS } from '../../app/get-availability.js';
import { Count, EtaEstimated, IsoDate, List, Nullable, Sku } from './common.js';
import { AvailabilityStatus } from './items.js';

export const AvailabilityQuery = Type.Object(
  { sku: Type.Array(Sku, { minItems: 1, maxItems: MAX_AVAILABILITY_SKUS, description: 'repeat for many items: ?sku=A&sku=B' }) },
  { additionalProperties: false },
);

export const ItemAvailability = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  status: AvailabilityStatus,
  available: Count,
  onHand: Count,
  allocated: Count,
  incoming: Count,
  backordered: Count,
  projected: Type.Integer({ description: 'onHand + incoming − allocated − backordered' }),
  backorderable: Nullable(Type.Integer({ description: 'units that may still be backordered; null = no limit' })),
  eta: Nullable(IsoDate),
  etaEstimated: EtaEstimated,
  substitutes: List(Type.Object({ sku: Type.String(), status: AvailabilityStatus, available: Count })),
}, { title: 'ItemAvailability' });

export const AvailabilityList = Type.Object({ items: List(ItemAvailability) });
