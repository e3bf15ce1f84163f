import type { Role } from '../app/api-keys.js';

/**
 * What a route needs, as `resource:action`. Every API route declares one in its `config.permission`
 * (routes without one are refused at startup); `read` actions are the GETs.
 */
export type Permission = `${string}:${'read' | 'write' | 'place' | 'cancel' | 'manage'}`;

/**
 * The storefront's integration needs exactly these (SPEC §9): availability, placing, reading and
 * cancelling orders (a customer who no longer wants to wait), "notify me" (and who it is).
 */
const STOREFRONT: ReadonlySet<Permission> = new Set<Permission>(['availability:read', 'orders:read', 'orders:place', 'orders:cancel', 'subscriptions:write', 'session:read']);

/** Key management and the audit trail (which names every key and what it did) are the admin's alone. */
const ADMIN_ONLY = ['keys:', 'audit:'];

/**
 * The role matrix: admin may do everything; operator everything but key management and the audit
 * trail; storefront only its integration's permissions; viewer every other read.
 */
export function roleAllows(role: Role, permission: Permission): boolean {
  switch (role) {
    case 'admin':
      return true;
    case 'operator':
      return !ADMIN_ONLY.some((prefix) => permission.startsWith(prefix));
    case 'storefront':
      return STOREFRONT.has(permission);
    case 'viewer':
      return permission.endsWith(':read') && !ADMIN_ONLY.some((prefix) => permission.startsWith(prefix));
  }
}
