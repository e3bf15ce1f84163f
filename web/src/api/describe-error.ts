import { ApiError } from './client';

/** What went wrong, in words for an operations person, with the API's own message kept. */
export interface ErrorWords {
  readonly title: string;
  readonly detail: string;
  readonly code: string | null;
}

/**
 * Turns any failure into a sentence: 401 and 403 say what to do about the key, validation
 * failures name the field, and the API's message is always shown as it came.
 */
export function describeError(error: unknown): ErrorWords {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong in the dashboard', detail: error instanceof Error ? error.message : String(error), code: null };
  }
  const field = fieldOf(error.details);
  switch (true) {
    case error.status === 0:
      return { title: 'No connection', detail: error.message, code: null };
    case error.status === 401:
      return { title: 'Your API key was not accepted', detail: `${error.message}. It may have been revoked or mistyped: sign out and sign in with a valid key.`, code: error.code };
    case error.status === 403:
      return { title: 'Your key may not do this', detail: `${error.message}. Ask an administrator for a key with a role that allows it (operator or admin).`, code: error.code };
    case error.status === 404:
      return { title: 'Not found', detail: error.message, code: error.code };
    case error.code === 'VALIDATION_FAILED' || error.status === 400 || error.status === 422:
      return { title: field ? `Check the field “${field}”` : 'The request was refused', detail: error.message, code: error.code };
    case error.status === 409:
      return { title: conflictTitle(error.code), detail: error.message, code: error.code };
    case error.status === 429:
      return { title: 'Too many requests', detail: `${error.message}. Wait a moment and try again.`, code: error.code };
    case error.status === 503:
      return { title: 'The service is unavailable', detail: `${error.message}. The database may be down; try again shortly.`, code: error.code };
    case error.status >= 500:
      return { title: 'The server failed', detail: `${error.message}. Try again; if it keeps failing, tell whoever runs Restock.`, code: error.code };
    default:
      return { title: 'The request was refused', detail: error.message, code: error.code };
  }
}

function conflictTitle(code: string): string {
  if (code === 'OUT_OF_STOCK') return 'Not enough stock';
  if (code === 'INSUFFICIENT_ALLOCATION') return 'Not enough allocated units';
  return 'This conflicts with the current state';
}

/**
 * The field a refusal of the request names (`details.field` of a 4xx, e.g. `lines[0].quantity`),
 * or null: failures of the server or the network name no field of the user's.
 */
export function errorField(error: unknown): string | null {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 ? fieldOf(error.details) : null;
}

function fieldOf(details: unknown): string | null {
  if (typeof details === 'object' && details !== null && 'field' in details) {
    const field = (details as { field: unknown }).field;
    return typeof field === 'string' && field !== '' ? field : null;
  }
  return null;
}

/**
 * True when the server does not offer the route at all (its OpenAPI document lacks it, or it
 * answered 404 "no route …"), as opposed to a 404 for a missing item or order.
 */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && (error.code === 'ROUTE_NOT_OFFERED' || error.message.startsWith('no route '));
}
