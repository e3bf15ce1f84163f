import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { MAX_PAGE_SIZE } from '../../app/pagination.js';
import { MAX_QUANTITY } from '../../app/validate.js';

/** The largest id or sequence number a database integer column holds. */
export const MAX_ID = 2_147_483_647;

/** Text of 1…max characters without NUL (PostgreSQL cannot store it); blank text is refused by the use cases. */
export function Text(maxLength: number, description?: string) {
  return Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000]*$', ...(description ? { description } : {}) });
}

/** An array in a response: readonly, as the use cases' values are. */
export function List<T extends TSchema>(item: T) {
  return Type.Immutable(Type.Array(item));
}

/** The schema, or null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const Sku = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: '1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"' });
export const LocationCode = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'a location code, in the sku alphabet' });
export const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY, description: 'whole units' });
export const Count = Type.Integer({ minimum: 0, description: 'whole units' });
export const Priority = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });
export const Money = Type.Integer({ minimum: 0, maximum: 2_000_000_000, description: 'integer minor currency units (cents)' });
export const Instant = Type.String({ description: 'UTC ISO-8601 time' });
export const IsoDate = Type.String({ description: 'YYYY-MM-DD' });

/** Whether a promise date is Restock's estimate rather than a purchase order's own date. */
export const EtaEstimated = Type.Boolean({
  description: 'true when no open purchase order covers the line (today + lead time) or the one that does is overdue (a week from today)',
});
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 1024, description: 'the nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'page size (default 50)' })),
};

/** A page of a list: `nextCursor` is null on the last page. */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: List(item), nextCursor: Nullable(Type.String()) });
}

export const Customer = Type.Object(
  { id: Nullable(Type.String()), email: Nullable(Type.String()), name: Nullable(Type.String()) },
);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable upper-snake code, e.g. VALIDATION_FAILED, OUT_OF_STOCK' }),
      message: Type.String(),
      details: Type.Unknown({ description: 'e.g. { field } naming the offending field' }),
      requestId: Type.String({ description: "the request's id, also in the X-Request-Id header: the client's own X-Request-Id when it sent a well-formed one (up to 128 letters, digits and ._~:+/=-), else a random UUID; quote it when reporting a problem" }),
    }),
  },
  { title: 'ErrorResponse' },
);

/** Every route's responses: its success schemas plus the shared error shape for 4xx and 5xx. */
export function responses<T extends Record<number, TSchema>>(success: T) {
  return { ...success, '4xx': ErrorResponse, '5xx': ErrorResponse };
}

export const Empty = Type.Object({}, { additionalProperties: false });

/** The query string of a route that takes no parameters. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
