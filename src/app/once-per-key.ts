import { hashRequest } from './request-hash.js';
import type { UnitOfWork } from './ports.js';
import { fail, invalid, ok, Rollback, type Failure, type Result } from './result.js';

/**
 * A use case's answer, marked `replayed` when it is the kept outcome of an earlier request under
 * the same Idempotency-Key (or a placement's externalId): a retry that changed nothing. The HTTP
 * API says so in the Idempotent-Replayed header, the CLI in words.
 */
export type Replayable<T> = Result<T> & { readonly replayed?: true };

/** What a retry-safe write takes besides its input: the caller's Idempotency-Key, if any. */
export interface IdempotencyOptions {
  readonly idempotencyKey?: string | undefined;
}

/** The answer `result`, marked as the replay of a kept outcome. */
export function asReplay<T>(result: Result<T>): Replayable<T> {
  return { ...result, replayed: true };
}

/** Whether an answer is the replay of a kept outcome (see Replayable). */
export function wasReplayed(result: Result<unknown>): boolean {
  return (result as Replayable<unknown>).replayed === true;
}

/**
 * Runs `work` (in the caller's transaction) once per Idempotency-Key: the same request under the
 * same key answers the first outcome again and changes nothing; another request under that key is
 * IDEMPOTENCY_MISMATCH; a kept outcome answered again is marked replayed. A failed outcome is not
 * kept, so a retry is decided again. `request` must name what the work acts on (an order id and
 * the body, say). Without a key, `work` just runs.
 */
export async function oncePerKey<T>(tx: UnitOfWork, key: string | undefined, request: unknown, work: () => Promise<Result<T>>): Promise<Replayable<T>> {
  if (key === undefined) return work();
  const badKey = checkIdempotencyKey(key);
  if (badKey) return badKey;
  const hash = hashRequest(request);
  const kept = await keptOutcome<T>(tx, key, hash);
  if (kept) return kept;
  // A twin of this request may do the work and keep its outcome while this one waits for its
  // locks (PostgreSQL reads what was committed since): then this one is refused for work already
  // done, and answers the twin's outcome instead. In a savepoint, so a refusal thrown part-way
  // (a shipment short on its second line) leaves nothing of this try behind the replay.
  let result: Result<T>;
  try {
    result = await tx.savepoint(work);
  } catch (error) {
    if (error instanceof Rollback) {
      const twin = await keptOutcome<T>(tx, key, hash);
      if (twin) return twin;
    }
    throw error;
  }
  if (result.ok) {
    await tx.saveRequestOutcome(key, hash, JSON.stringify(result.value));
    return result;
  }
  return (await keptOutcome<T>(tx, key, hash)) ?? result;
}

/** The outcome kept under `key`, replayed; a mismatch if another request used it; null if none is kept. */
async function keptOutcome<T>(tx: UnitOfWork, key: string, hash: string): Promise<Replayable<T> | null> {
  const stored = await tx.findRequestOutcome(key);
  if (!stored) return null;
  if (stored.requestHash !== hash) return fail('IDEMPOTENCY_MISMATCH', 'Idempotency-Key: already used with a different request', { field: 'Idempotency-Key' });
  return asReplay(ok(JSON.parse(stored.outcome) as T));
}

/** An Idempotency-Key is 1–255 characters (placements, shipments and cancellations alike). */
export function checkIdempotencyKey(key: string | undefined): Failure | null {
  return key !== undefined && (key.length === 0 || key.length > 255) ? invalid('Idempotency-Key', 'must be 1–255 characters') : null;
}
