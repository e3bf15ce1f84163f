import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

export interface RateLimitOptions {
  /** Requests per key (or per client address without a key) in each window. */
  readonly max: number;
  readonly timeWindowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 6000, timeWindowMs: 60_000 };

/**
 * Limits requests per API key (per client address when there is none). The API scope's
 * authentication hook runs first, so the key is known when the limit is counted.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions | false): Promise<void> {
  if (options === false) return;
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: (request) => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', `too many requests (at most ${context.max} per window); retry in ${context.after}`, { retryAfter: context.after }),
  });
}
