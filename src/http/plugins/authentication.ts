import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_KEY_NAME, authenticateApiKey, ensureApiKey, type Principal } from '../../app/api-keys.js';
import type { Store } from '../../app/ports.js';
import { fail } from '../../app/result.js';
import { ApiError, unwrap } from '../errors.js';
import type { FailedAuthentications } from '../failed-authentications.js';
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
  /** Counts failed authentications per client address; null for no limit. */
  readonly failures: FailedAuthentications | null;
}

/**
 * Installs bearer API keys and the role matrix on the API's scope, checked before the body is
 * read: no or a bad key is 401, a role without the route's permission is 403. A client address
 * over its limit of failed authentications is 429 before its key is looked up. A route of the
 * scope that declares neither a permission nor `public` is a bug and stops the app starting.
 */
export async function installAuthentication(api: FastifyInstance, options: AuthenticationOptions): Promise<void> {
  if (options.adminKey !== undefined) {
    const ensured = await ensureApiKey(options.store, options.adminKey, ADMIN_KEY_NAME, 'admin');
    if (!ensured.ok) throw new Error(`RESTOCK_ADMIN_KEY ${ensured.message.replace(/^key: /, '')}`);
  }
  api.addHook('onRoute', (route) => {
    if (route.config?.permission === undefined && route.config?.public !== true) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    }
  });
  const { failures } = options;
  api.addHook('onRequest', async (request, reply) => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) return;
    const retryAfter = failures?.retryAfterSeconds(request.ip) ?? 0;
    if (retryAfter > 0) {
      reply.header('retry-after', String(retryAfter));
      throw new ApiError('RATE_LIMITED', `too many failed authentications from this address; retry in ${retryAfter} s`, { retryAfter: `${retryAfter} s` });
    }
    const secret = bearerToken(request);
    const authenticated = secret === null
      ? fail('UNAUTHORIZED', 'send an API key as "Authorization: Bearer <key>"')
      : await authenticateApiKey(options.store, secret);
    if (!authenticated.ok) failures?.record(request.ip);
    const principal = unwrap(authenticated);
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
