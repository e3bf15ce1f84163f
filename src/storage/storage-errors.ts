/** Failures of the database itself (not of the caller's input): the HTTP shell answers 503. */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }

  /** Marks connection-level failures as unavailability; leaves every other error (a bug) as it is. */
  static wrap(error: unknown): unknown {
    if (error instanceof StorageUnavailable) return error;
    const code = errorCode(error);
    const unavailable =
      isBusy(error) ||
      code === 'SQLITE_LOCKED' ||
      (code !== undefined && NETWORK_CODES.has(code)) ||
      // 57014: statement_timeout cancelled the query; 57P0x: the server is shutting down or starting; 53xxx: out of resources.
      code === '57014' ||
      // 40001 / 40P01: a serialization failure or deadlock that outlasted the retries.
      isRetryableConflict(error) ||
      code === '25P03' ||
      code?.startsWith('57P0') === true ||
      code?.startsWith('53') === true ||
      code?.startsWith('08') === true ||
      (error instanceof Error && PG_CLIENT_FAILURES.test(error.message));
    return unavailable ? new StorageUnavailable('the database is unavailable', error) : error;
  }
}

/**
 * A SQLite database file that is not there, opened by a caller that must not make a new one
 * (StoreOptions.createIfMissing false): a wrong working folder or path, not an outage.
 */
export class DatabaseMissing extends Error {
  override readonly name = 'DatabaseMissing';
  constructor(
    /** The absolute path looked at. */
    readonly path: string,
  ) {
    super(`there is no database at ${path}`);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// node-postgres reports a lost server, a connect timeout, a query_timeout and a broken client by message only.
const PG_CLIENT_FAILURES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable/i;

/** Serialization failures and deadlocks (PostgreSQL): safe to run again at once. */
export function isRetryableConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40001' || code === '40P01';
}

/** Another process holds SQLite's write lock (busy_timeout ran out): worth waiting a little, not forever. */
export function isBusy(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') === true;
}

/** PostgreSQL's 3F000: a schema named in the statement does not exist (or was dropped while it ran). */
export function isMissingSchema(error: unknown): boolean {
  return errorCode(error) === '3F000';
}

/** A unique constraint refused a row (both dialects). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
