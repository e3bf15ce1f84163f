import { createContext, useContext } from 'react';

/**
 * The signed-in key's role, as the server reported it (null when it did not say). The server
 * decides every request; this only keeps the dashboard from offering what the key may not do.
 */
export const RoleContext = createContext<string | null>(null);

/**
 * Whether the signed-in key may change stock, orders, purchasing and notifications: admin and
 * operator keys may; viewer and storefront keys only read here. Unknown roles are offered the
 * actions and the server answers.
 */
export function useMayChange(): boolean {
  const role = useContext(RoleContext);
  return role === null || role === 'admin' || role === 'operator';
}

/** Whether the key may manage API keys (admin only; unknown roles are asked of the server). */
export function useIsAdmin(): boolean {
  const role = useContext(RoleContext);
  return role === null || role === 'admin';
}
