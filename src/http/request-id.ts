import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The header a request's id comes in (from a proxy or a client) and every answer carries it back in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An id a client may choose: up to 128 letters, digits and `._~:+/=-`, which covers UUIDs, ULIDs,
 * hex and base64 ids and trace ids such as AWS's `Root=1-…`, and keeps spaces, quotes, line breaks
 * and markup out of the log and the answer.
 */
const WELL_FORMED = /^[A-Za-z0-9._~:+/=-]{1,128}$/;

/**
 * The id of a request (Fastify's genReqId): the client's X-Request-Id when it is well-formed, so
 * its log and ours name the request alike; otherwise a random UUID, unique across restarts and
 * processes (a counter restarts at req-1 on every start).
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
}

/** Every answer, errors included, carries its request's id in X-Request-Id. */
export function installRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
