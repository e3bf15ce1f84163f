import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Role } from '../app/api-keys.js';
import type { ApiKeyRecord, ApiKeyRecords, NewApiKey, StoredApiKey } from '../app/ports.js';
import type { DialectName } from './dialect-name.js';
import type { ApiKeysTable, Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The API-key port over one Kysely executor; `KyselyUnitOfWork.apiKeys` hands it out. */
export class ApiKeyQueries implements ApiKeyRecords {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
    private readonly now: string,
  ) {}

  async insert(key: NewApiKey): Promise<ApiKeyRecord> {
    const row = await this.db
      .insertInto('api_keys')
      .values({ name: key.name, role: key.role, lookup: key.lookup, key_hash: key.keyHash, created_at: this.now, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.db.selectFrom('api_keys').selectAll().orderBy('id').execute()).map(toRecord);
  }

  async findByLookup(lookup: string): Promise<StoredApiKey[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('lookup', '=', lookup).execute();
    return rows.map((row) => ({ ...toRecord(row), keyHash: row.key_hash }));
  }

  async lockActive(): Promise<ApiKeyRecord[]> {
    let query = this.db.selectFrom('api_keys').selectAll().where('revoked_at', 'is', null).orderBy('id');
    if (this.dialect === 'postgres') query = query.forUpdate();
    return (await query.execute()).map(toRecord);
  }

  async revoke(id: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ revoked_at: this.now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return { id: row.id, name: row.name, role: row.role as Role, createdAt: row.created_at, revokedAt: row.revoked_at };
}
