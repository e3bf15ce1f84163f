import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

/**
 * While the app closes, a request still arriving on an open keep-alive connection is answered
 * 503 UNAVAILABLE in the error shape, with its X-Request-Id, and its connection is closed, so a
 * client or load balancer retries it elsewhere. (Fastify's own closing answer has neither the
 * shape nor the id.) Requests already in flight finish as usual.
 */
export function installShuttingDownAnswer(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new ApiError('UNAVAILABLE', 'Restock is shutting down; send the request again in a moment', null);
  });
}
