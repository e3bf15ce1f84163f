import { randomUUID } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, Failure, Result } from '../app/result.js';
import { EMAIL_PATTERN, NOT_AN_EMAIL, SKU_PATTERN } from '../app/validate.js';
import { StorageUnavailable } from '../storage/storage-errors.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** Codes only the HTTP shell produces, beside the use cases' codes. */
export type HttpErrorCode = ErrorCode | 'UNSUPPORTED_MEDIA_TYPE' | 'HEADERS_TOO_LARGE';

/** The one registry of error codes and their HTTP statuses (SPEC §4). */
export const ERROR_STATUS: Readonly<Record<HttpErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  OUT_OF_STOCK: 409,
  INSUFFICIENT_ALLOCATION: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** The body of every error response; `requestId` is the X-Request-Id the answer carries, to quote when reporting it. */
export interface ErrorBody {
  readonly error: { readonly code: HttpErrorCode; readonly message: string; readonly details: unknown; readonly requestId: string };
}

/** An error body before it is told whose request it answers. */
type Unanswered = { readonly error: Omit<ErrorBody['error'], 'requestId'> };

/** An expected failure on its way to the error handler, carrying its stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }

  static from(failure: Failure): ApiError {
    return new ApiError(failure.code, failure.message, failure.details ?? null);
  }
}

/** The value of a successful use case; a failure is thrown as an ApiError for the error handler. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw ApiError.from(result);
  return result.value;
}

/**
 * The one error handler: expected failures keep their code; Fastify's own 4xx (validation, bad
 * JSON, body too large, media type) get ours; a storage outage is 503; anything else is a bug,
 * logged in full and answered with a generic 500 that reveals nothing.
 */
export function handleError(error: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = errorBody(error, request);
  const status = ERROR_STATUS[body.error.code];
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return answer(reply.code(status), request, body);
}

/**
 * Sends an error body naming its request (errors Fastify meets before routing skip the onRequest
 * hook that otherwise sets the header).
 */
function answer(reply: FastifyReply, request: FastifyRequest, body: Unanswered): FastifyReply {
  return reply.header(REQUEST_ID_HEADER, request.id).send(withRequestId(body, request.id));
}

function withRequestId(body: Unanswered, requestId: string): ErrorBody {
  return { error: { ...body.error, requestId } };
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a header with a control character,
 * headers past Node's size limit, bytes that are not HTTP) answer in the same shape as every other
 * error, naming what was wrong, instead of Fastify's own body: 431 for headers too large, else 400.
 * A request that did not arrive in time gets a bare 408. The connection is closed either way: what
 * follows cannot be trusted. While an earlier request of the same connection (pipelined) is still
 * being answered, nothing is written: its client would take the refusal for that request's answer.
 */
export function handleClientError(error: Error & { code?: string }, socket: Duplex & { _httpMessage?: unknown }): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answering = socket._httpMessage !== undefined && socket._httpMessage !== null;
  if (socket.writable && !answering) {
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.write('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      const [code, field, problem] = unreadableRequest(error.code);
      const status = ERROR_STATUS[code];
      // No request was read, so none had an id: this answer gets one of its own.
      const requestId = randomUUID();
      const body = JSON.stringify(withRequestId(shape(code, `${field}: ${problem}`, { field }), requestId));
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nX-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
  }
  socket.destroy();
}

/** What the parser's error code says was wrong with a request, as [code, field, problem]. */
function unreadableRequest(code: string | undefined): [HttpErrorCode, string, string] {
  switch (code) {
    case 'HPE_INVALID_HEADER_TOKEN':
      return ['VALIDATION_FAILED', 'headers', 'a header name or value holds a character HTTP does not allow (a control character such as DEL, or a line break)'];
    case 'HPE_HEADER_OVERFLOW':
      return ['HEADERS_TOO_LARGE', 'headers', `are larger than the server accepts (${Math.floor(maxHeaderSize / 1024)} KiB in all)`];
    case 'HPE_INVALID_METHOD':
      return ['VALIDATION_FAILED', 'method', 'is not an HTTP method'];
    case 'HPE_INVALID_URL':
      return ['VALIDATION_FAILED', 'url', 'is not a valid request target'];
    default:
      return ['VALIDATION_FAILED', 'request', 'could not be read as HTTP/1.1'];
  }
}

/** Unknown routes answer in the same shape as every other error. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return answer(reply.code(404), request, shape('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, null));
}

function errorBody(error: FastifyError | ApiError | Error, request: FastifyRequest): Unanswered {
  if (error instanceof ApiError) return shape(error.code, error.message, error.details);
  if (error instanceof StorageUnavailable) return shape('UNAVAILABLE', 'the database is unavailable; try again shortly', null);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return validationBody(fastifyError, request);
  const status = fastifyError.statusCode;
  if (status === 413) return shape('PAYLOAD_TOO_LARGE', `the request body is larger than ${inMebibytes(request.routeOptions.bodyLimit)}`, null);
  if (status === 415) return shape('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', { field: 'content-type' });
  if (status === 429) return shape('RATE_LIMITED', error.message, null);
  if (fastifyError.code === 'FST_ERR_BAD_URL') return shape('VALIDATION_FAILED', 'url: is not validly percent-encoded', { field: 'url' });
  if (status !== undefined && status >= 400 && status < 500) {
    // JSON bodies are refused by json-body.ts in words of their own; what else a parser refuses is named as the body.
    const bodyProblem = fastifyError.code?.startsWith('FST_ERR_CTP') === true;
    return shape('VALIDATION_FAILED', bodyProblem ? `body: ${unreadableBody(fastifyError)}` : error.message, { field: bodyProblem ? 'body' : null });
  }
  return shape('INTERNAL', 'an internal error occurred; it has been logged', null);
}

/** A body limit in words: 1 MiB, 64 MiB. */
function inMebibytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return Number.isInteger(mebibytes) ? `${mebibytes} MiB` : `${bytes} bytes`;
}

function unreadableBody(error: FastifyError): string {
  return error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 'is not as long as its Content-Length says' : 'could not be read';
}

type ValidationEntry = NonNullable<FastifyError['validation']>[number];

/** A schema failure, naming the field the way the use cases do: `lines[0].quantity`. */
function validationBody(error: FastifyError, request: FastifyRequest): Unanswered {
  const entry = (error.validation ?? [])[0] as ValidationEntry | undefined;
  const part = partName(error.validationContext);
  const partSchema = error.validationContext ? (request.routeOptions?.schema as Record<string, unknown> | undefined)?.[error.validationContext] : undefined;
  // Ajv stops at a missing field before it looks for unknown ones; a field sent by a wrong name is
  // the likelier mistake ({"status": …} where "priority" is asked for), so it is named first.
  const stray = entry?.keyword === 'required' && entry.instancePath === '' ? unknownTopField(error.validationContext, request, partSchema) : undefined;
  if (stray !== undefined) return shape('VALIDATION_FAILED', `${stray}: is not a known field`, { field: stray, in: part });
  if (!entry) return shape('VALIDATION_FAILED', `${part}: is not valid`, { field: part, in: part });
  const field = fieldOf(entry, part);
  return shape('VALIDATION_FAILED', `${field}: ${explainFirst(entry, error.validation ?? [], part, request, partSchema)}`, { field, in: part });
}

/** What the first schema failure means: the values a fixed list allows, how to send a JSON body, or the failure itself. */
function explainFirst(entry: ValidationEntry, entries: readonly ValidationEntry[], part: string, request: FastifyRequest, partSchema: unknown): string {
  const choices = allowedValues(entries, entry);
  if (choices.length > 0) return `must be one of ${choices.join(', ')}`;
  // A query string holds text: a value given twice arrives as a list, a number written unusually
  // as text that is not one. Both fail on their type; say which it was.
  const sent = part === 'query' || part === 'params' ? sentValue(part === 'query' ? request.query : request.params, entry.instancePath) : undefined;
  if (entry.keyword === 'type' && Array.isArray(sent)) return 'is given more than once; give it once';
  if (entry.keyword === 'type' && entry.params['type'] === 'integer' && typeof sent === 'string' && /^[-+]?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(sent) && Number.isSafeInteger(Number(sent))) {
    return 'must be a whole number written plainly, such as 7 (not 07, +7, 7.0 or 7e0)';
  }
  // A JSON body sent as text/plain arrives as a string: say how to send it, not only what it is not.
  if (part === 'body' && entry.instancePath === '' && entry.keyword === 'type' && typeof request.body === 'string') {
    return 'must be JSON sent with content-type application/json (it came as text)';
  }
  return explain(entry, partSchema);
}

/** The value a query string or path sent at a top-level instance path (`/limit`). */
function sentValue(part: unknown, instancePath: string): unknown {
  const [root, name, ...deeper] = instancePath.split('/');
  return isPlainRecord(part) && root === '' && name !== undefined && deeper.length === 0 ? part[name] : undefined;
}

/** The first top-level field of the request part that its schema does not know, if the schema allows no others. */
function unknownTopField(context: string | undefined, request: FastifyRequest, schema: unknown): string | undefined {
  const sent = context === 'body' ? request.body : context === 'querystring' ? request.query : undefined;
  if (!isPlainRecord(sent) || !isPlainRecord(schema) || schema['additionalProperties'] !== false || !isPlainRecord(schema['properties'])) return undefined;
  const known = schema['properties'];
  return Object.keys(sent).find((key) => !Object.hasOwn(known, key));
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The values a field may take when its schema is a list of them (an enum, or a union of two or more
 * constants, whose every branch failed with a `const` entry of its own), so a refusal can say them
 * instead of Ajv's "must be equal to constant". A union with a branch of another kind (a number,
 * null) lists nothing: its values are not all there is.
 */
function allowedValues(entries: readonly ValidationEntry[], first: ValidationEntry): string[] {
  if (first.keyword !== 'const' && first.keyword !== 'enum') return [];
  const here = entries.filter((e) => e.instancePath === first.instancePath);
  const branches = here.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  if (branches.some((e) => e.keyword !== 'const' && e.keyword !== 'enum')) return [];
  const values = branches.flatMap((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'enum') return Array.isArray(params['allowedValues']) ? params['allowedValues'].map(String) : [];
    return [String(params['allowedValue'])];
  });
  return values.length >= 2 ? values : [];
}

function partName(context: string | undefined): string {
  if (context === 'querystring') return 'query';
  return context ?? 'body';
}

function fieldOf(entry: ValidationEntry, part: string): string {
  const segments = entry.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = entry.params as Record<string, unknown>;
  const missing = params['requiredProperties'] ?? params['missingProperty'];
  if (entry.keyword === 'required' && missing !== undefined) segments.push(String(Array.isArray(missing) ? missing[0] : missing));
  if (entry.keyword === 'additionalProperties' && Array.isArray(params['additionalProperties'])) segments.push(String(params['additionalProperties'][0]));
  if (segments.length === 0) return part;
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

function explain(entry: ValidationEntry, partSchema: unknown): string {
  if (entry.keyword === 'required') return 'is required';
  if (entry.keyword === 'additionalProperties' || (entry.keyword === 'boolean' && entry.schemaPath.endsWith('additionalProperties'))) {
    return 'is not a known field';
  }
  if (entry.keyword === 'pattern') return explainPattern(entry, partSchema);
  return entry.message ?? 'is not valid';
}

/** What a schema pattern asks for, in words, where the schema's own description would not say it. */
const PATTERN_MEANINGS: ReadonlyMap<string, string> = new Map([
  [EMAIL_PATTERN.source, NOT_AN_EMAIL],
  [SKU_PATTERN.source, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"'],
]);

/**
 * A value that does not match a schema's pattern, said in words: nobody should be shown a regular
 * expression. A known pattern says what it wants, another its schema's description (a noun phrase:
 * `YYYY-MM-DD (a real calendar date)`).
 */
function explainPattern(entry: ValidationEntry, partSchema: unknown): string {
  const known = PATTERN_MEANINGS.get(String((entry.params as { pattern?: unknown }).pattern));
  if (known) return known;
  const description = (schemaAt(partSchema, entry.schemaPath) as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? `must be ${description}` : 'is not in the accepted form';
}

/** The schema a validation error's schemaPath (`#/properties/lines/items/…`) points to. */
function schemaAt(schema: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), schema);
}

function shape(code: HttpErrorCode, message: string, details: unknown): Unanswered {
  return { error: { code, message, details } };
}
