import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DashboardOptions {
  /** The built dashboard (web/dist); when it has no index.html, `/` shows a page pointing to the API docs. */
  readonly webRoot: string;
}

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Restock</title></head>
<body><h1>Restock</h1><p>The dashboard is not built. The API is at <a href="/api/docs">/api/docs</a>
(OpenAPI document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>).</p></body></html>
`;

/**
 * The web dashboard at `/`, served from its build. Paths that are not files get index.html, so
 * the dashboard's own routes survive a reload; /api and /assets paths never do.
 */
const dashboardRoutes: FastifyPluginAsync<DashboardOptions> = async (app, options) => {
  const root = resolve(options.webRoot);
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER));
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: 'index.html' });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') return reply.callNotFound();
    // A script or style the build does not have (an older build's file, asked for by a tab opened
    // before an upgrade) is a 404, not index.html: a browser would try to run HTML as a module.
    if (request.url.startsWith('/assets/')) return reply.callNotFound();
    return reply.sendFile('index.html', { maxAge: 0 });
  });
};

export default dashboardRoutes;
