import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from '../request-id.js';

/**
 * Response headers a browser client may read: the rate limit's, so it can back off, whether a
 * retry-safe request's answer is a replay, and the request's id.
 */
const EXPOSED_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'idempotent-replayed', REQUEST_ID_HEADER];

/**
 * Cross-origin access to the API for the listed browser origins only (@fastify/cors); with none
 * listed (the default) no CORS header is ever sent, so browsers keep other sites out. A preflight
 * from any other origin gets no CORS headers and a 404. Install it before authentication: the
 * preflight is answered in its onRequest hook, as browsers send it without credentials, and
 * authentication's refusals then carry the headers a browser needs to read them.
 */
export async function installCors(api: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  await api.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', REQUEST_ID_HEADER],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
