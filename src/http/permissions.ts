import type { Role } from '../app/api-keys.js';

/**
 * What a route needs, as `resource:action`. Every API route declares one in its `config.permission`
 * (routes without one are refused at startup); `read` actions are the GETs.
 */
export type Permission = `${string}:${'read' | 'write' | 'place' | 'manage'}`;

/** The storefront's integration needs exactly these (SPEC §9): availability, placing and reading orders, "notify me". */
const STOREFRONT: ReadonlySet<Permission> = new Set<Permission>(['availability:read', 'orders:read', 'orders:place', 'subscriptions:write']);

/**
 * The role matrix: admin may do everything; operator everything but key management; storefront
 * only its integration's permissions; viewer every read.
 */
export function roleAllows(role: Role, permission: Permission): boolean {
  switch (role) {
    case 'admin':
      return true;
    case 'operator':
      return !permission.startsWith('keys:');
    case 'storefront':
      return STOREFRONT.has(permission);
    case 'viewer':
      return permission.endsWith(':read') && !permission.startsWith('keys:');
  }
}
