import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { clientNetwork } from '../client-network.js';
import { ApiError } from '../errors.js';

export interface RateLimitOptions {
  /** Requests per key (or per client address without a key) in each window. */
  readonly max: number;
  readonly timeWindowMs: number;
  /**
   * Failed authentications (no key, or one that is not valid) per client address in each window;
   * beyond it the address is answered 429 before its key is looked up. Default
   * DEFAULT_FAILED_AUTHENTICATIONS.
   */
  readonly failedAuthentications?: number | undefined;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 6000, timeWindowMs: 60_000 };

/** Nobody mistypes a key thirty times a minute; a script guessing keys does. */
export const DEFAULT_FAILED_AUTHENTICATIONS = 30;

/**
 * Limits requests per API key (per client network when there is none: an IPv6 /64 counts once, as
 * clientNetwork names it, so a client cannot earn fresh requests by moving across its 2^64
 * addresses). The API scope's
 * authentication hook runs first, so the key is known when the limit is counted; a request
 * that fails authentication never gets here and is limited by that hook (FailedAuthentications).
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions | false): Promise<void> {
  if (options === false) return;
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: (request) => (request.principal ? `key:${request.principal.keyId}` : `ip:${clientNetwork(request.ip)}`),
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', `too many requests (at most ${context.max} per window); retry in ${context.after}`, { retryAfter: context.after }),
  });
}
