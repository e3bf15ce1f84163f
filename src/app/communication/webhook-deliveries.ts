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
    return invalid('endpointId', `no webhook endpoint with id ${query.endpointId}`);
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
 * of all targets) when no ids are given. Each starts over with a fresh attempt count. Listed ids
 * that name no delivery (404) or one that is not a dead letter (409) are answered by id, and
 * nothing is replayed: "0 replayed" would hide a mistyped id.
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
  if (ids !== undefined && endpointId !== undefined) return invalid('endpointId', 'give ids or endpointId, not both');
  return store.transaction(async (tx) => {
    if (endpointId !== undefined && !(await tx.communication.findEndpoint(endpointId))) {
      return fail('NOT_FOUND', `no webhook endpoint with id ${endpointId}`, { field: 'endpointId' });
    }
    if (ids === undefined) return ok({ replayed: await tx.communication.replayDeliveries(await tx.communication.deadDeliveryIds(endpointId ?? null, MAX_REPLAY)) });
    const chosen = [...new Set(ids as number[])];
    const found = new Map((await tx.communication.findDeliveries(chosen)).map((d) => [d.id, d]));
    const unknown = chosen.filter((id) => !found.has(id));
    if (unknown.length > 0) {
      return fail('NOT_FOUND', `ids: no delivery with id ${listed(unknown)}; nothing was replayed`, { field: 'ids', unknownIds: unknown });
    }
    const notDead = chosen.flatMap((id) => (found.get(id)?.status === 'dead' ? [] : [{ id, status: found.get(id)?.status }]));
    if (notDead.length > 0) {
      const which = notDead.map((d) => `${d.id} (${d.status})`);
      return fail('CONFLICT', `ids: ${listed(which)} ${notDead.length === 1 ? 'is not a dead letter' : 'are not dead letters'}; nothing was replayed`, { field: 'ids', notDead });
    }
    return ok({ replayed: await tx.communication.replayDeliveries(chosen) });
  });
}

/** The first few of a list, for a message that names what was wrong without growing without end. */
function listed(values: readonly (number | string)[]): string {
  const shown = values.slice(0, 10).join(', ');
  return values.length > 10 ? `${shown} and ${values.length - 10} more` : shown;
}
