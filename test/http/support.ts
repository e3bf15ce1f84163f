import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import { createApiKey, ROLES, type Role } from '../../src/app/api-keys.js';
import type { Store } from '../../src/app/ports.js';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import type { Database } from '../../src/storage/schema.js';
import { must } from '../support/fixtures.js';
import { createTestDatabase, type DialectName, type TestDatabase } from '../support/stores.js';

/** An app over a fresh database, with one API key of every role. */
export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly keys: Readonly<Record<Role, string>>;
  /** Injects a request as the holder of `role`'s key (no Authorization header for null). */
  call(role: Role | null, request: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startApi(dialect: DialectName, options: Partial<Omit<AppOptions, 'store'>> & { clock?: () => Date } = {}): Promise<ApiHarness> {
  const database: TestDatabase = await createTestDatabase(dialect);
  const store = await database.open({ clock: options.clock });
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = must(await createApiKey(store, { name: `${role} key`, role }, 'test')).secret;
  const app = await buildApp({ rateLimit: false, ...options, store });
  return {
    app,
    store,
    keys,
    call: (role, request) =>
      app.inject({ ...request, headers: { ...(role ? { authorization: `Bearer ${keys[role]}` } : {}), ...request.headers } }),
    close: async () => {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}

/** The parsed JSON body of a response, asserting its status first (the body is shown when it differs). */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse, status: number): T {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  return response.json<T>();
}

/** Asserts the SPEC §4 error shape with this status and code, naming its request; returns the error but its requestId. */
export function expectError(response: LightMyRequestResponse, status: number, code: string): { code: string; message: string; details: Record<string, unknown> | null } {
  const body = json<{ error: { code: string; message: string; details: Record<string, unknown> | null; requestId: string } }>(response, status);
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.error.code).toBe(code);
  // The request's id, as the answer's X-Request-Id says it; what the error says is the rest.
  const { requestId, ...error } = body.error;
  expect(requestId).toBe(response.headers['x-request-id']);
  return error;
}

/** Every row of every table, sorted, so two dumps are equal exactly when nothing was written. */
export async function dumpDatabase(store: Store): Promise<Record<string, string[]>> {
  const db = (store as Store & { db: Kysely<Database> }).db;
  const tables =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const dump: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    dump[name] = rows.rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

/** A small catalogue through the API: locations MAIN (0) and BACKUP (5), items with stock. */
export async function seedCatalogue(api: ApiHarness): Promise<void> {
  const post = async (url: string, payload: object) => json(await api.call('admin', { method: 'POST', url, payload }), 201);
  await post('/api/v1/locations', { code: 'MAIN', name: 'Main warehouse', priority: 0 });
  await post('/api/v1/locations', { code: 'BACKUP', name: 'Backup store', priority: 5 });
  await post('/api/v1/items', { sku: 'WIDGET', name: 'Widget', unitPrice: 1000, backorderPolicy: 'allow', leadTimeDays: 10 });
  await post('/api/v1/items', { sku: 'GADGET', name: 'Gadget', unitPrice: 2500, lowStockThreshold: 2 });
  await post('/api/v1/items', { sku: 'GIZMO', name: 'Gizmo', backorderPolicy: 'allow', substitutes: ['WIDGET'] });
  await post('/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: 5, reason: 'opening count' });
  await post('/api/v1/stock/adjustments', { sku: 'GADGET', location: 'BACKUP', delta: 10, reason: 'opening count' });
}
