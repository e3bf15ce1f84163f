import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ApiError } from './errors.js';

/**
 * JSON bodies are read as bytes and refused unless they are UTF-8 (RFC 8259 §8.1): decoded
 * leniently, every bad byte became U+FFFD, so two orders whose externalIds differed only in such a
 * byte were taken for one and the second answered as a replay of the first. An empty body is no
 * body (a route that needs one says so, naming it). Keys that could
 * poison prototypes (`__proto__`, `constructor.prototype`) are refused as such, by the parser
 * Fastify itself uses, rather than as invalid JSON.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function parseJsonBody(bytes: Buffer): unknown {
  // No body at all, as clients that set the content type on every request send one where the
  // body is optional (sending or cancelling a purchase order): the same as a request without it.
  if (bytes.length === 0) return undefined;
  if (!isUtf8(bytes)) throw refusal('is not UTF-8 text; send JSON encoded as UTF-8');
  try {
    return secureJson.parse(bytes.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const poisoning = (error as Error).message.includes('forbidden prototype property');
    throw refusal(poisoning ? 'must not have a key __proto__ or constructor.prototype' : 'is not valid JSON');
  }
}

function refusal(problem: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `body: ${problem}`, { field: 'body' });
}
