import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEntry, AuditFilter, AuditRecords, AuditSubjectType, NewAuditEntry } from '../app/ports.js';
import type { FieldChanges } from '../domain/field-changes.js';
import { chunks } from './chunks.js';
import type { AuditLogTable, Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The audit-trail port over one Kysely executor; `KyselyUnitOfWork.audit` hands it out. */
export class AuditQueries implements AuditRecords {
  constructor(
    private readonly db: Executor,
    private readonly now: string,
  ) {}

  async record(entries: readonly NewAuditEntry[]): Promise<void> {
    for (const chunk of chunks(entries, 500)) {
      await this.db
        .insertInto('audit_log')
        .values(chunk.map((e) => ({
          created_at: this.now, actor: e.actor, subject_type: e.subjectType, subject_key: e.subjectKey,
          action: e.action, changes: JSON.stringify(e.changes),
        })))
        .execute();
    }
  }

  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType);
    if (filter.subjectKey !== undefined) query = query.where('subject_key', '=', filter.subjectKey);
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    return (await query.execute()).map(toEntry);
  }
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id, createdAt: row.created_at, actor: row.actor, subjectType: row.subject_type as AuditSubjectType,
    subjectKey: row.subject_key, action: row.action, changes: JSON.parse(row.changes) as FieldChanges,
  };
}
