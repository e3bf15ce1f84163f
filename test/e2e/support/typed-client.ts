import type { paths } from '../../../web/src/api/schema.js';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;
type JsonOf<R> = R extends { content: { readonly 'application/json': infer B } } ? B : never;
type Success<O> = O extends { responses: infer R } ? (200 extends keyof R ? JsonOf<R[200]> : 201 extends keyof R ? JsonOf<R[201]> : never) : never;
type RequestBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? Q : never;

export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly details: unknown };
}

export interface CallOptions<O> {
  readonly params?: Record<string, string | number>;
  readonly query?: Query<O>;
  readonly body?: RequestBody<O>;
  readonly headers?: Record<string, string>;
}

/**
 * A client typed by the OpenAPI document the server publishes (types generated into
 * web/src/api/schema.d.ts by openapi-typescript): a path, method, body or answer the document does
 * not describe does not compile.
 */
export function typedClient(baseUrl: string, key: string) {
  return async function call<P extends keyof paths, M extends Method>(
    method: M,
    path: P,
    options: CallOptions<Operation<P, M>> = {},
  ): Promise<{ status: number; data: Success<Operation<P, M>>; error: ApiError['error'] | null }> {
    let url = String(path).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(options.params?.[name])));
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries((options.query ?? {}) as Record<string, unknown>)) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) query.append(name, String(one));
    }
    if ([...query].length > 0) url += `?${query}`;
    const response = await fetch(`${baseUrl}${url}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${key}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    const failed = response.status >= 400;
    return {
      status: response.status,
      data: (failed ? undefined : json) as Success<Operation<P, M>>,
      error: failed ? (json as ApiError).error : null,
    };
  };
}
