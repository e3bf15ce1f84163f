/** What became of one request: an answer, or nothing (the connection failed, the server died). */
export type Answered = { readonly kind: 'answered'; readonly status: number; readonly body: unknown; readonly ms: number };
export type Outcome = Answered | { readonly kind: 'lost'; readonly error: string; readonly ms: number };

export interface ApiClient {
  readonly baseUrl: string;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Outcome>;
}

/**
 * A client of /api/v1 over loopback HTTP with one API key. A request that gets no answer in
 * `timeoutMs` or loses its connection is `lost`: its effect may or may not have happened.
 */
export function apiClient(baseUrl: string, key: string, timeoutMs = 15_000): ApiClient {
  return {
    baseUrl,
    async send(method, path, body, headers = {}) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? null : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text for the failure message
        }
        return { kind: 'answered', status: response.status, body: parsed, ms: performance.now() - started };
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        return { kind: 'lost', error: `${error instanceof Error ? error.message : String(error)}${cause}`, ms: performance.now() - started };
      }
    },
  };
}

/** The answer's body, failing loudly when the request was lost or answered with another status. */
export function expectAnswer<T>(outcome: Outcome, status: number, what: string): T {
  if (outcome.kind === 'lost') throw new Error(`${what}: no answer (${outcome.error})`);
  if (outcome.status !== status) throw new Error(`${what}: expected ${status}, got ${outcome.status} ${JSON.stringify(outcome.body)}`);
  return outcome.body as T;
}
