import { fieldChanges, type FieldChangeOptions } from '../domain/field-changes.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from './pagination.js';
import type { AuditEntry, AuditSubjectType, Store, UnitOfWork } from './ports.js';
import { ok, type Result } from './result.js';
import { parseTimeWindow, type TimeWindowQuery } from './instant.js';
import { checkOneOf, checkText, firstFailure } from './validate.js';

export const AUDIT_SUBJECT_TYPES: readonly AuditSubjectType[] = ['item', 'location', 'supplier', 'item_supplier', 'webhook_endpoint', 'api_key', 'purchase_order'];

/** A setting change to record, in the transaction that makes it. */
export interface SettingChange {
  readonly subjectType: AuditSubjectType;
  readonly subjectKey: string;
  readonly action: string;
  /** The record before the change (null when created) and after it (null when deleted). */
  readonly before: object | null;
  readonly after: object | null;
}

/** Fields every record has that are bookkeeping, not settings. */
const BOOKKEEPING_FIELDS = ['id', 'createdAt', 'updatedAt'];

/**
 * Writes who changed what to the audit trail, inside the caller's transaction so the entry exists
 * exactly when the change does. An update that changed no field is not recorded; other actions
 * (created, deleted, revoked, sent…) always are.
 */
export async function recordSettingChange(tx: UnitOfWork, actor: string, change: SettingChange, options: FieldChangeOptions = {}): Promise<void> {
  const changes = fieldChanges(change.before, change.after, { ignore: [...BOOKKEEPING_FIELDS, ...(options.ignore ?? [])], redact: options.redact ?? [] });
  if (change.action === 'updated' && Object.keys(changes).length === 0) return;
  await tx.audit.record([{ actor, subjectType: change.subjectType, subjectKey: change.subjectKey, action: change.action, changes }]);
}

export interface AuditQuery extends TimeWindowQuery {
  readonly subjectType?: string | undefined;
  readonly subject?: string | undefined;
  readonly actor?: string | undefined;
}

/** The audit trail, newest first, filtered by subject, actor and time. */
export async function listAuditTrail(store: Store, query: AuditQuery): Promise<Result<Page<AuditEntry>>> {
  const window = parseTimeWindow(query);
  const failure = firstFailure(
    checkLimit(query.limit),
    query.subjectType !== undefined ? checkOneOf('subjectType', query.subjectType, AUDIT_SUBJECT_TYPES) : null,
    query.subject !== undefined ? checkText('subject', query.subject, { max: 200, multiline: true }) : null,
    query.actor !== undefined ? checkText('actor', query.actor, { max: 200, multiline: true }) : null,
    window.ok ? null : window,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await store.read((tx) => tx.audit.list({
    subjectType: query.subjectType as AuditSubjectType | undefined, subjectKey: query.subject, actor: query.actor,
    ...(window.ok ? window.value : {}),
    beforeId: cursor.value, limit: limit + 1,
  }));
  return ok(pageOf(rows, limit, (entry) => entry, (entry) => entry.id));
}
