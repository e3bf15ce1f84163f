import { Type } from '@fastify/type-provider-typebox';
import { List, LocationCode, Priority, Text } from './common.js';

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

export const LocationList = Type.Object({ items: List(Location) });

export const CodeParams = Type.Object({ code: LocationCode }, { additionalProperties: false });
