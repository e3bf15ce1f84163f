import { Type } from '@fastify/type-provider-typebox';
import { Count, List, LocationCode, Priority, Text } from './common.js';

export const LocationCreate = Type.Object(
  {
    code: LocationCode,
    name: Text(200),
    priority: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'lower is preferred when allocating' })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const LocationPatch = Type.Object(
  { name: Type.Optional(Text(200)), priority: Type.Optional(Priority), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const Location = Type.Object({ code: Type.String(), name: Type.String(), priority: Type.Integer(), active: Type.Boolean() }, { title: 'Location' });

export const StillAllocatedWarning = Type.Object({
  code: Type.Enum(['STILL_ALLOCATED']),
  message: Type.String(),
  units: Count,
  items: List(Type.Object({ sku: Type.String(), units: Count, orders: Count })),
}, { description: 'the location was deactivated, but orders still hold these units there: no active location had them free, so they stay reserved there and can be shipped from it' });

export const ChangedLocation = Type.Object({
  ...Location.properties,
  movedAllocations: Type.Integer({ minimum: 0, description: 'units orders held here that a deactivation moved to free units at active locations (the orders are served from there now)' }),
  warnings: List(StillAllocatedWarning),
}, { title: 'ChangedLocation', description: 'the location as changed, with what its changer should know' });

export const LocationList = Type.Object({ items: List(Location) });

export const CodeParams = Type.Object({ code: LocationCode }, { additionalProperties: false });
