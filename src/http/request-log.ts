import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are credentials (unsubscribe links carry a `token`). */
const SECRET_PARAMETERS = /([?&](?:token|secret|password|key|api_key|access_token|signature)=)[^&#]*/gi;

/**
 * How a request appears in the log: Fastify's own fields, with the values of credential-bearing
 * query parameters replaced, so a link's token never lands in a log file.
 */
export function loggedRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.replace(SECRET_PARAMETERS, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
