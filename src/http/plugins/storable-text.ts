import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/**
 * Deepest nesting of arrays and objects a request may hold. No body Restock takes nests beyond a
 * handful of levels; a deeper one is refused before anything walks it (thousands of levels would
 * overflow the stack of any recursive walk, this one's or a validator's).
 */
export const MAX_NESTING = 32;

/** Why a text cannot be stored as it was sent, or null when it can. */
type TextProblem = 'must not contain NUL characters' | typeof HALF_CHARACTER;

/**
 * A lone UTF-16 surrogate (JSON's "\ud83d" with no partner), as a storefront that cuts text at a
 * length inside an emoji sends. Neither database keeps it: PostgreSQL's driver stores U+FFFD in its
 * place and SQLite other bytes, so what was acknowledged is not what is read back, and two
 * different external ids would become one (an idempotency clash).
 */
const HALF_CHARACTER = 'must be whole characters: it holds half of one (a lone UTF-16 surrogate, as text cut inside an emoji leaves)';

/**
 * Refuses text no database stores as sent, anywhere in a request's path parameters, query or
 * body (JSON or CSV), and a body nested deeper than MAX_NESTING, before validation, naming where:
 * a NUL character (PostgreSQL cannot store it at all) and half a character (a lone surrogate).
 */
export function installStorableText(api: FastifyInstance): void {
  api.addHook('preValidation', async (request) => {
    const found = unstorableIn(request.params, '') ?? unstorableIn(request.query, '') ?? unstorableIn(request.body, '');
    if (found !== null) throw new ApiError('VALIDATION_FAILED', `${found.field}: ${found.problem}`, { field: found.field });
  });
}

/**
 * Where `value` holds text that cannot be stored as it is: a field path (`lines[0].sku`), `line N`
 * of a text body, with why; or null. Throws a VALIDATION_FAILED naming the field when `value`
 * nests deeper than MAX_NESTING.
 */
export function unstorableIn(value: unknown, path: string, depth = 0): { readonly field: string; readonly problem: TextProblem } | null {
  if (depth > MAX_NESTING) {
    const field = path.split(/[.[]/, 1)[0] || 'body';
    throw new ApiError('VALIDATION_FAILED', `${field}: is nested more than ${MAX_NESTING} levels deep`, { field });
  }
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem === null) return null;
    if (path !== '') return { field: path, problem: problem.problem };
    return { field: `line ${value.slice(0, problem.at).split('\n').length}`, problem: problem.problem };
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableIn(item, `${path}[${index}]`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const name = path === '' ? key : `${path}.${key}`;
      const inKey = textProblem(key);
      if (inKey !== null) return { field: name, problem: inKey.problem };
      const found = unstorableIn(item, name, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): { readonly problem: TextProblem; readonly at: number } | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { problem: 'must not contain NUL characters', at: nul };
  const half = text.search(LONE_SURROGATE);
  return half < 0 ? null : { problem: HALF_CHARACTER, at: half };
}
