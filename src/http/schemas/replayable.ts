import { Type, type TSchema } from '@fastify/type-provider-typebox';

/** The response header that marks an answer replayed from a kept outcome. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The header that makes a write retry-safe: the same key and body answer the first outcome again. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'the same key and body return the first outcome' })),
});

/**
 * A response of a retry-safe write: `schema`, with the replayed header documented. `notAgain` says
 * what a replay did not do again ("nothing was cancelled again").
 */
export function replayable<T extends TSchema>(schema: T, notAgain: string): T & { readonly headers: Record<string, TSchema> } {
  return {
    ...schema,
    headers: {
      // An enum, not a literal: OpenAPI 3.0 has no `const`.
      [REPLAYED_HEADER]: Type.String({
        enum: ['true'],
        description: `present when this answer is the first outcome of the same request sent before under this Idempotency-Key: ${notAgain}`,
      }),
    },
  };
}
