import { hashRequest } from './request-hash.js';
import type { UnitOfWork } from './ports.js';
import { fail, invalid, ok, type Failure, type Result } from './result.js';

/**
 * Runs `work` (in the caller's transaction) once per Idempotency-Key: the same request under the
 * same key answers the first outcome again and changes nothing; another request under that key is
 * IDEMPOTENCY_MISMATCH. A failed outcome is not kept, so a retry is decided again. `request` must
 * name what the work acts on (an order id and the body, say). Without a key, `work` just runs.
 */
export async function oncePerKey<T>(tx: UnitOfWork, key: string | undefined, request: unknown, work: () => Promise<Result<T>>): Promise<Result<T>> {
  if (key === undefined) return work();
  const badKey = checkIdempotencyKey(key);
  if (badKey) return badKey;
  const hash = hashRequest(request);
  const stored = await tx.findRequestOutcome(key);
  if (stored) {
    if (stored.requestHash !== hash) return fail('IDEMPOTENCY_MISMATCH', 'Idempotency-Key: already used with a different request', { field: 'Idempotency-Key' });
    return ok(JSON.parse(stored.outcome) as T);
  }
  const result = await work();
  if (result.ok) await tx.saveRequestOutcome(key, hash, JSON.stringify(result.value));
  return result;
}

/** An Idempotency-Key is 1–255 characters (placements, shipments and cancellations alike). */
export function checkIdempotencyKey(key: string | undefined): Failure | null {
  return key !== undefined && (key.length === 0 || key.length > 255) ? invalid('Idempotency-Key', 'must be 1–255 characters') : null;
}
