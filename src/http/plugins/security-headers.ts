import type { FastifyInstance } from 'fastify';

const DASHBOARD_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers on every response: no MIME sniffing, no referrer, no framing. The dashboard
 * gets a same-origin CSP; API answers a CSP that allows nothing; /api/docs keeps the CSP that
 * Swagger UI sets for its own page.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    const path = request.url;
    if (path.startsWith('/api/docs')) return payload;
    reply.header('content-security-policy', path.startsWith('/api/') ? API_CSP : DASHBOARD_CSP);
    return payload;
  });
}
