import { Type } from '@fastify/type-provider-typebox';
import { ROLES } from '../../app/api-keys.js';
import { Instant, List, Nullable, Text } from './common.js';

const Role = Type.Enum([...ROLES], { description: 'admin, operator, storefront or viewer' });

export const KeyCreate = Type.Object({ name: Text(100), role: Role }, { additionalProperties: false });

export const ApiKey = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Role,
  createdAt: Instant,
  revokedAt: Nullable(Instant),
}, { title: 'ApiKey' });

export const CreatedKey = Type.Object({
  ...ApiKey.properties,
  key: Type.String({ description: 'the secret, shown this once: send it as "Authorization: Bearer <key>"' }),
});

export const KeyList = Type.Object({ items: List(ApiKey) });
