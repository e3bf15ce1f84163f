import { ApiError, request } from './client';

/**
 * Checks a key before the dashboard keeps it, and learns whether it is an admin key. A key the
 * server does not know is a 401; a storefront key cannot read the catalogue and gets a 403;
 * only admin keys may list API keys, so that answer tells admin from the rest.
 */
export async function checkKey(apiKey: string): Promise<string | null> {
  await request('GET', '/items', { apiKey, query: { limit: 1 } });
  try {
    await request('GET', '/keys', { apiKey });
    return 'admin';
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
