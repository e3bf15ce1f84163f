import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiKey, ensureApiKey, type Principal } from '../../app/api-keys.js';
import type { Store } from '../../app/ports.js';
import { ApiError, unwrap } from '../errors.js';
import { roleAllows, type Permission } from '../permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs (see permissions.ts); every API route declares it, or `public`. */
    permission?: Permission;
    /** Served without a key (the OpenAPI document). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The API key's holder, once authenticated (null on public routes). */
    principal: Principal | null;
  }
}

export interface AuthenticationOptions {
  readonly store: Store;
  /** A secret that must work as an admin key (RESTOCK_ADMIN_KEY). */
  readonly adminKey?: string | undefined;
}

/**
 * Installs bearer API keys and the role matrix on the API's scope, checked before the body is
 * read: no or a bad key is 401, a role without the route's permission is 403. A route of the
 * scope that declares neither a permission nor `public` is a bug and stops the app starting.
 */
export async function installAuthentication(api: FastifyInstance, options: AuthenticationOptions): Promise<void> {
  if (options.adminKey !== undefined) {
    const ensured = await ensureApiKey(options.store, options.adminKey, 'admin (RESTOCK_ADMIN_KEY)', 'admin');
    if (!ensured.ok) throw new Error(`RESTOCK_ADMIN_KEY ${ensured.message.replace(/^key: /, '')}`);
  }
  api.addHook('onRoute', (route) => {
    if (route.config?.permission === undefined && route.config?.public !== true) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    }
  });
  api.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) return;
    const secret = bearerToken(request);
    if (secret === null) throw new ApiError('UNAUTHORIZED', 'send an API key as "Authorization: Bearer <key>"');
    const principal = unwrap(await authenticateApiKey(options.store, secret));
    if (!roleAllows(principal.role, permission)) {
      throw new ApiError('FORBIDDEN', `a ${principal.role} key may not do this (needs ${permission})`, { role: principal.role, permission });
    }
    request.principal = principal;
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** Who the ledger names for a request: its API key. */
export function actorOf(request: FastifyRequest): string {
  return request.principal ? `key:${request.principal.keyId}` : 'anonymous';
}
