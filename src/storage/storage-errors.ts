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
      code === 'SQLITE_BUSY' ||
      code === 'SQLITE_LOCKED' ||
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === '57P01' ||
      code === '57P03' ||
      code?.startsWith('08') === true ||
      (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message));
    return unavailable ? new StorageUnavailable('the database is unavailable', error) : error;
  }
}

/** Serialization failures and deadlocks (PostgreSQL) or a busy SQLite file: safe to run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY';
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
