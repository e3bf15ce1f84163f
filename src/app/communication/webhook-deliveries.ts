import { checkLimit, DEFAULT_PAGE_SIZE, decodeCursor, isRowId, pageOf, type Page } from '../pagination.js';
import type { Store } from '../ports.js';
import { fail, invalid, ok, type Result } from '../result.js';
import { checkKnownFields, checkOneOf, isRecord } from '../validate.js';
import type { Delivery, DeliveryStatus } from './ports.js';

export interface DeliveryQuery {
  readonly endpointId?: number | undefined;
  readonly status?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead'];
const MAX_REPLAY = 10_000;

/** Deliveries newest first (of one endpoint, or of every target), optionally by status; `dead` lists the dead letters. */
export async function listDeliveries(store: Store, query: DeliveryQuery): Promise<Result<Page<Delivery>>> {
  const failure = checkLimit(query.limit) ?? (query.status !== undefined ? checkOneOf('status', query.status, STATUSES) : null);
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (query.endpointId !== undefined && !(await store.read((tx) => tx.communication.findEndpoint(query.endpointId as number)))) {
    return fail('NOT_FOUND', `no webhook endpoint with id ${query.endpointId}`, { field: 'endpointId' });
  }
  const rows = await store.read((tx) =>
    tx.communication.listDeliveries({
      limit: limit + 1,
      ...(query.endpointId !== undefined ? { endpointId: query.endpointId } : {}),
      ...(query.status !== undefined ? { status: query.status as DeliveryStatus } : {}),
      ...(cursor.value !== undefined ? { beforeId: cursor.value } : {}),
    }),
  );
  return ok(pageOf(rows, limit, (d) => d, (d) => d.id));
}

/**
 * Sends dead letters again: the listed delivery ids, or every dead delivery of one endpoint (or
 * of all targets) when no ids are given. Each starts over with a fresh attempt count.
 */
export async function replayDeadLetters(store: Store, input: unknown): Promise<Result<{ replayed: number }>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const unknownField = checkKnownFields('', input, ['ids', 'endpointId']);
  if (unknownField) return unknownField;
  const ids = input['ids'];
  const endpointId = input['endpointId'];
  if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_REPLAY || !ids.every(isRowId))) {
    return invalid('ids', `must be a list of 1–${MAX_REPLAY} delivery ids`);
  }
  if (endpointId !== undefined && !isRowId(endpointId)) return invalid('endpointId', 'must be an endpoint id');
  return store.transaction(async (tx) => {
    if (endpointId !== undefined && !(await tx.communication.findEndpoint(endpointId))) {
      return fail('NOT_FOUND', `no webhook endpoint with id ${endpointId}`, { field: 'endpointId' });
    }
    const chosen = (ids as number[] | undefined) ?? (await tx.communication.deadDeliveryIds(endpointId ?? null, MAX_REPLAY));
    return ok({ replayed: await tx.communication.replayDeliveries(chosen) });
  });
}
