import { readSession } from '../session';

/** The API's error body (SPEC §4): `{"error": {"code", "message", "details", "requestId"}}`. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
  readonly requestId?: string;
}

/** A refused or failed request, with the HTTP status and the API's stable code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    /** The id the server logged the request under (X-Request-Id), to quote when reporting it. */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /** A body sent as it is, with its media type (a CSV file), instead of `body` as JSON. */
  readonly text?: { readonly content: string; readonly type: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** A key to use instead of the session's (the sign-in form checks a key before keeping it). */
  readonly apiKey?: string;
  readonly signal?: AbortSignal;
}

export const API_BASE = '/api/v1';

/** Listeners told when the server refuses the session's key, so the shell can ask for a new one. */
const unauthorizedListeners = new Set<() => void>();

/** Calls `listener` whenever a request with the session's key comes back 401. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Builds `/api/v1/path?a=1&b=x&b=y`, leaving out empty values. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(name, String(v));
    else params.append(name, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/**
 * One call to the HTTP API with the session's bearer key. Resolves with the parsed JSON body
 * (undefined for 204); any non-2xx answer or network failure rejects with an ApiError.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const apiKey = options.apiKey ?? readSession()?.apiKey;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (apiKey) headers['authorization'] = `Bearer ${apiKey}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.text !== undefined) headers['content-type'] = options.text.type;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.text !== undefined ? options.text.content : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check that Restock is running and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return body as T;
  const error = errorOf(body);
  if (response.status === 401 && options.apiKey === undefined) for (const listener of unauthorizedListeners) listener();
  const requestId = error?.requestId ?? response.headers.get('x-request-id');
  throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? (response.statusText || `HTTP ${response.status}`), error?.details ?? null, requestId);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(body: unknown): ApiErrorBody | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, details, requestId } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return typeof requestId === 'string' ? { code, message, details, requestId } : { code, message, details };
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', path, { body, headers }),
  postText: <T>(path: string, content: string, type: string, query?: Query) => request<T>('POST', path, { text: { content, type }, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
