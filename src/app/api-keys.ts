import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, Store } from './ports.js';
import { recordSettingChange } from './audit-trail.js';
import { fail, invalid, ok, type Failure, type Result } from './result.js';
import { checkKnownFields, checkOneOf, checkText, firstFailure, isRecord } from './validate.js';

/** Who may do what (SPEC §9): the HTTP layer maps each role to the routes it may call. */
export const ROLES = ['admin', 'operator', 'storefront', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The caller a presented key stands for. */
export interface Principal {
  readonly keyId: number;
  readonly name: string;
  readonly role: Role;
}

export interface CreatedApiKey {
  readonly key: ApiKeyRecord;
  /** The secret itself: shown once, never stored. */
  readonly secret: string;
}

const KEY_PREFIX = 'rk_';
/**
 * Keys Restock makes have 46 characters; one an operator chooses needs at least 32, about 190 bits
 * even in base64. Earlier versions took a RESTOCK_ADMIN_KEY from 16 characters: the key such a value
 * made is still stored, but no longer authenticates (see authenticateApiKey).
 */
export const MIN_SECRET_LENGTH = 32;
const MAX_SECRET_LENGTH = 512;

/** Creates a key with a fresh random 256-bit secret; only its SHA-256 hash is stored. */
export async function createApiKey(store: Store, input: unknown, actor: string): Promise<Result<CreatedApiKey>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['name', 'role']),
    checkText('name', input['name'], { max: 100 }),
    checkOneOf('role', input['role'], ROLES),
  );
  if (failure) return failure;
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return store.transaction(async (tx) => {
    const key = await tx.apiKeys.insert({ name: input['name'] as string, role: input['role'] as Role, ...hashed(secret) });
    await recordSettingChange(tx, actor, { subjectType: 'api_key', subjectKey: String(key.id), action: 'created', before: null, after: key });
    return ok({ key, secret });
  });
}

/** Every key, revoked ones included, oldest first; secrets are never part of the answer. */
export async function listApiKeys(store: Store): Promise<ApiKeyRecord[]> {
  return store.read((tx) => tx.apiKeys.list());
}

/**
 * Revokes a key at once (every later request with it is refused). The last active admin key
 * cannot be revoked, so the service never locks its operators out. Revoking twice is harmless.
 */
export async function revokeApiKey(store: Store, id: number, actor: string): Promise<Result<ApiKeyRecord>> {
  return store.transaction(async (tx) => {
    const all = await tx.apiKeys.list();
    const key = all.find((k) => k.id === id);
    if (!key) return fail('NOT_FOUND', `no API key with id ${id}`, { field: 'id' });
    if (key.revokedAt !== null) return ok(key);
    const active = await tx.apiKeys.lockActive();
    if (key.role === 'admin' && active.filter((k) => k.role === 'admin').length <= 1) {
      return fail('CONFLICT', `key ${id} is the last active admin key; create another admin key first`, { field: 'id' });
    }
    await tx.apiKeys.revoke(id);
    const revoked = { ...key, revokedAt: tx.now };
    await recordSettingChange(tx, actor, { subjectType: 'api_key', subjectKey: String(id), action: 'revoked', before: key, after: revoked });
    return ok(revoked);
  });
}

/** The name of the key RESTOCK_ADMIN_KEY makes; `restock keys list` shows it. */
export const ADMIN_KEY_NAME = 'admin (RESTOCK_ADMIN_KEY)';

/**
 * The principal behind a presented secret, or UNAUTHORIZED; the hashes are compared in constant
 * time. A secret under MIN_SECRET_LENGTH is not looked up, and its refusal says why: it may be a
 * RESTOCK_ADMIN_KEY an older Restock took, whose holder needs to know it stopped working for good.
 */
export async function authenticateApiKey(store: Store, secret: string): Promise<Result<Principal>> {
  const refused = fail('UNAUTHORIZED', 'the API key is not valid');
  if (secret.length < MIN_SECRET_LENGTH) {
    return fail('UNAUTHORIZED', `the API key is not valid: keys have ${MIN_SECRET_LENGTH} characters or more (a shorter RESTOCK_ADMIN_KEY, which earlier versions of Restock took, no longer works; the server's operator sets a new one)`);
  }
  if (secret.length > MAX_SECRET_LENGTH) return refused;
  const presented = hashed(secret);
  const candidates = await store.read((tx) => tx.apiKeys.findByLookup(presented.lookup));
  const match = candidates.find((k) => timingSafeEqual(Buffer.from(k.keyHash, 'hex'), Buffer.from(presented.keyHash, 'hex')));
  if (!match || match.revokedAt !== null) return refused;
  return ok({ keyId: match.id, name: match.name, role: match.role });
}

/**
 * Makes sure a secret chosen by the operator (RESTOCK_ADMIN_KEY) works as a key with this role.
 * A key that exists already is left as it is, so a revoked one stays revoked.
 */
export async function ensureApiKey(store: Store, secret: string, name: string, role: Role): Promise<Result<ApiKeyRecord>> {
  const weak = checkChosenSecret('key', secret);
  if (weak) return weak;
  const key = hashed(secret);
  return store.transaction(async (tx) => {
    const existing = (await tx.apiKeys.findByLookup(key.lookup)).find((k) => k.keyHash === key.keyHash);
    if (existing) return ok(existing);
    const created = await tx.apiKeys.insert({ name, role, ...key });
    await recordSettingChange(tx, 'system:RESTOCK_ADMIN_KEY', { subjectType: 'api_key', subjectKey: String(created.id), action: 'created', before: null, after: created });
    return ok(created);
  });
}

/**
 * Active keys made from an earlier RESTOCK_ADMIN_KEY than `secret`: each still works for whoever
 * holds it (unless it is under MIN_SECRET_LENGTH, which an older Restock allowed) until revoked.
 */
export async function earlierAdminKeys(store: Store, secret: string): Promise<ApiKeyRecord[]> {
  const key = hashed(secret);
  return store.read(async (tx) => {
    const own = (await tx.apiKeys.findByLookup(key.lookup)).find((k) => k.keyHash === key.keyHash);
    return (await tx.apiKeys.list()).filter((k) => k.name === ADMIN_KEY_NAME && k.revokedAt === null && k.id !== own?.id);
  });
}

/** Refuses a secret an operator chose (RESTOCK_ADMIN_KEY) that is too short to be a key, or has spaces. */
export function checkChosenSecret(field: string, secret: string): Failure | null {
  if (secret.length >= MIN_SECRET_LENGTH && secret.length <= MAX_SECRET_LENGTH && !/\s/.test(secret)) return null;
  return invalid(field, `must be ${MIN_SECRET_LENGTH}–${MAX_SECRET_LENGTH} characters without spaces (\`openssl rand -base64 32\` makes one)`);
}

/**
 * On a fresh installation (no active key at all) creates an admin key and returns its secret so
 * `restock serve` can print it once; returns null when any active key exists.
 */
export async function ensureBootstrapKey(store: Store): Promise<CreatedApiKey | null> {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return store.transaction(async (tx) => {
    if ((await tx.apiKeys.lockActive()).length > 0) return null;
    const key = await tx.apiKeys.insert({ name: 'bootstrap admin', role: 'admin', ...hashed(secret) });
    await recordSettingChange(tx, 'system:bootstrap', { subjectType: 'api_key', subjectKey: String(key.id), action: 'created', before: null, after: key });
    return { key, secret };
  });
}

/**
 * Withdraws a first admin key nobody was shown (the server could not start after making it), so
 * the next start makes and shows a new one instead of leaving a key no one knows.
 */
export async function withdrawBootstrapKey(store: Store, id: number): Promise<void> {
  await store.transaction(async (tx) => {
    const key = (await tx.apiKeys.list()).find((k) => k.id === id);
    if (!key || key.revokedAt !== null) return;
    await tx.apiKeys.revoke(id);
    await recordSettingChange(tx, 'system:bootstrap', { subjectType: 'api_key', subjectKey: String(id), action: 'revoked', before: key, after: { ...key, revokedAt: tx.now } });
  });
}

function hashed(secret: string): { lookup: string; keyHash: string } {
  const keyHash = createHash('sha256').update(secret, 'utf8').digest('hex');
  return { lookup: keyHash.slice(0, 16), keyHash };
}
