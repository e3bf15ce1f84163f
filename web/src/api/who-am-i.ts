import { ApiError, request } from './client';

/**
 * Checks a key before the dashboard keeps it and learns which key it is and its role from
 * `GET /me`. A key the server does not know is a 401; a storefront key may not read the
 * catalogue, so it is refused here with a 403 as the server would refuse every page's data.
 */
export async function checkKey(apiKey: string): Promise<{ readonly keyId: number; readonly role: string }> {
  const me = await request<{ keyId: number; role: string }>('GET', '/me', { apiKey });
  if (me.role === 'storefront') {
    throw new ApiError(403, 'FORBIDDEN', 'a storefront key may not use the dashboard', { role: me.role });
  }
  return { keyId: me.keyId, role: me.role };
}
