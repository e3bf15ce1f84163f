import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ImportRow } from '../app/import-runner.js';
import { importRowsFromCsv } from '../app/import-rows-from-csv.js';
import { utf8Text } from '../app/utf8-text.js';
import { ApiError, unwrap } from './errors.js';

/** A CSV upload may be far larger than a JSON body: ten years of demand of a few thousand items. */
export const CSV_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * Most rows one upload of items or of stock counts takes. An import is one transaction, and while
 * it runs every other writer waits (on SQLite, up to its busy timeout of 5 s before a 503): about
 * 25,000 rows of counts is what this machine imports in that time. A larger file goes in parts,
 * or through `restock import` on the server.
 */
export const MAX_UPLOAD_ROWS = 25_000;

/**
 * Most rows one upload of past demand takes: about 5 s of writing on this machine (new days take
 * about 9 µs a row, days already stored as they are 3 µs), for the reason above; two years of
 * daily demand of 700 items. Larger histories go in parts split by sku (a later upload replaces a
 * day an earlier one stored, so a day must not be split across parts), or through
 * `restock import demand` on the server.
 */
export const MAX_DEMAND_UPLOAD_ROWS = 500_000;

/** What a CSV import takes, said in the 415 that refuses any other body. */
export interface CsvContent {
  /** What the rows are, as in "send the demand as text/csv". */
  readonly what: string;
  /** The file's layout, as in "(a header row, then sku,date,quantity[,location])". */
  readonly layout: string;
  /** The largest body in bytes (a larger one is 413); default CSV_BODY_LIMIT. */
  readonly bodyLimit?: number;
}

/**
 * The routes of a CSV import in a scope of their own that takes text/csv only, handing the body on
 * as text: any other content type (JSON too) or no body at all is refused with a 415 naming
 * text/csv and the file's layout before validation, and nothing else parses CSV, so the routes
 * around keep taking JSON alone.
 */
export function csvOnly(content: CsvContent, routes: FastifyPluginAsyncTypebox): FastifyPluginAsyncTypebox {
  return async (scope, options) => {
    const bodyLimit = content.bodyLimit ?? CSV_BODY_LIMIT;
    // The routes' own limit, which the parser below obeys and a 413 reads to say how large a body may be.
    scope.addHook('onRoute', (route) => {
      route.bodyLimit = bodyLimit;
    });
    scope.removeAllContentTypeParsers();
    // Bytes, decoded here strictly: a file in another encoding is refused by line, not imported garbled.
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => {
      try {
        done(null, unwrap(utf8Text(body as Buffer, 'body')));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.addContentTypeParser('*', (request, _payload, done) => done(notCsv(content, request.headers['content-type']), undefined));
    // A request without a body reaches no parser.
    scope.addHook('preValidation', async (request) => {
      if (typeof request.body !== 'string') throw notCsv(content, request.headers['content-type']);
    });
    await routes(scope, options);
  };
}

/**
 * An upload's rows, or a 400 naming the body: not CSV, or more than `maxRows` rows (refused as the
 * parser meets the first row beyond them: a 64 MiB body of tiny rows would otherwise be millions
 * of row objects in memory before it could be counted).
 */
export function uploadedRows(body: string, maxRows: number): { readonly columns: readonly string[]; readonly rows: readonly ImportRow[] } {
  return unwrap(importRowsFromCsv(body, { maxRows, advice: 'split the file, or import it with restock import on the server' }));
}

/** A CSV import's body in its route schema, so OpenAPI documents it as text/csv with its layout rather than as JSON. */
export function csvBody(content: CsvContent) {
  return { consumes: ['text/csv'], body: Type.String({ description: content.layout }) };
}

function notCsv(content: CsvContent, contentType: string | undefined): ApiError {
  const sent = contentType === undefined ? '' : `, not ${contentType.split(';')[0]?.trim() ?? contentType}`;
  return new ApiError('UNSUPPORTED_MEDIA_TYPE', `content-type: send ${content.what} as text/csv (${content.layout})${sent}`, { field: 'content-type' });
}
