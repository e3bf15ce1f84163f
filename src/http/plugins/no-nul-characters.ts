import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/**
 * Refuses a NUL character anywhere in a request's path parameters, query or body (JSON or CSV)
 * before validation, naming where: no text Restock stores or looks up may hold one, and
 * PostgreSQL cannot store it at all.
 */
export function installNoNulCharacters(api: FastifyInstance): void {
  api.addHook('preValidation', async (request) => {
    const field = nulIn(request.params, '') ?? nulIn(request.query, '') ?? nulIn(request.body, '');
    if (field !== null) throw new ApiError('VALIDATION_FAILED', `${field}: must not contain NUL characters`, { field });
  });
}

/** Where `value` holds a NUL: a field path (`lines[0].sku`), `line N` of a text body, or null. */
export function nulIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    const at = value.indexOf('\u0000');
    if (at < 0) return null;
    return path === '' ? `line ${value.slice(0, at).split('\n').length}` : path;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulIn(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const name = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return name;
      const found = nulIn(item, name);
      if (found !== null) return found;
    }
  }
  return null;
}
