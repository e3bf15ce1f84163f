import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/**
 * Deepest nesting of arrays and objects a request may hold. No body Restock takes nests beyond a
 * handful of levels; a deeper one is refused before anything walks it (thousands of levels would
 * overflow the stack of any recursive walk, this one's or a validator's).
 */
export const MAX_NESTING = 32;

/**
 * Refuses a NUL character anywhere in a request's path parameters, query or body (JSON or CSV),
 * and a body nested deeper than MAX_NESTING, before validation, naming where: no text Restock
 * stores or looks up may hold a NUL, and PostgreSQL cannot store it at all.
 */
export function installNoNulCharacters(api: FastifyInstance): void {
  api.addHook('preValidation', async (request) => {
    const field = nulIn(request.params, '') ?? nulIn(request.query, '') ?? nulIn(request.body, '');
    if (field !== null) throw new ApiError('VALIDATION_FAILED', `${field}: must not contain NUL characters`, { field });
  });
}

/**
 * Where `value` holds a NUL: a field path (`lines[0].sku`), `line N` of a text body, or null.
 * Throws a VALIDATION_FAILED naming the field when `value` nests deeper than MAX_NESTING.
 */
export function nulIn(value: unknown, path: string, depth = 0): string | null {
  if (depth > MAX_NESTING) {
    const field = path.split(/[.[]/, 1)[0] || 'body';
    throw new ApiError('VALIDATION_FAILED', `${field}: is nested more than ${MAX_NESTING} levels deep`, { field });
  }
  if (typeof value === 'string') {
    const at = value.indexOf('\u0000');
    if (at < 0) return null;
    return path === '' ? `line ${value.slice(0, at).split('\n').length}` : path;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulIn(item, `${path}[${index}]`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const name = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return name;
      const found = nulIn(item, name, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}
