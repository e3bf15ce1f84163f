import type { FastifyReply } from 'fastify';
import { wasReplayed } from '../app/once-per-key.js';
import type { Result } from '../app/result.js';
import { unwrap } from './errors.js';
import { REPLAYED_HEADER } from './schemas/replayable.js';

/** The value of a retry-safe request's answer, saying on the response when it is a replay (a refusal replayed too). */
export function replayableAnswer<T>(reply: FastifyReply, result: Result<T>): T {
  if (wasReplayed(result)) reply.header(REPLAYED_HEADER, 'true');
  return unwrap(result);
}
