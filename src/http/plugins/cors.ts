import type { FastifyInstance } from 'fastify';

/**
 * Cross-origin access to the API for the listed browser origins only; with none listed (the
 * default) no CORS header is ever sent, so browsers keep other sites out.
 */
export function installCors(api: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  api.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (origin === undefined || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after');
  });
  api.options('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.headers.origin === undefined || !allowed.has(request.headers.origin)) return reply.code(204).send();
    return reply
      .header('access-control-allow-methods', 'GET, POST, PATCH, DELETE')
      .header('access-control-allow-headers', 'authorization, content-type, idempotency-key')
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });
}
