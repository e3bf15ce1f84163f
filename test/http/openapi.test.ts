import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './support.js';

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>;
  security?: unknown[];
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; security: unknown[] };

/** The resources this module of the API serves (others add theirs; the whole document is validated). */
const CORE = /^\/api\/v1\/(locations|items|stock|availability|orders|backorders|events|keys)\b/;

describe('the OpenAPI document', () => {
  let api: ApiHarness;
  let document: Document;

  beforeAll(async () => {
    api = await startApi('sqlite');
    const response = await api.call(null, { url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json<Document>();
  });

  afterAll(async () => {
    await api.close();
  });

  it('is served without a key and passes a real OpenAPI validator', async () => {
    expect(document.openapi).toBe('3.0.3');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('declares the schemas of every core operation: path parameters, body, success and error responses', () => {
    const operations = Object.entries(document.paths)
      .filter(([path]) => CORE.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(23);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        expect(operation.parameters?.some((p) => p.in === 'path' && p.name === name), `${where} path parameter ${name}`).toBe(true);
      }
      if (method === 'post' || method === 'patch') {
        // A CSV import takes text/csv alone; every other body is JSON.
        const mediaType = path.endsWith('/import') ? 'text/csv' : 'application/json';
        expect(Object.keys(operation.requestBody?.content ?? {}), `${where} body`).toEqual([mediaType]);
        expect(operation.requestBody?.content[mediaType]?.schema, `${where} body`).toBeDefined();
      }
      const success = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
      expect(success, `${where} success response`).toHaveLength(1);
      for (const status of ['4XX', '5XX']) {
        expect(operation.responses[status]?.content?.['application/json']?.schema.properties, `${where} ${status}`).toHaveProperty('error');
      }
      expect(operation.security, `${where} security`).toBeUndefined();
    }
    expect(document.security).toEqual([{ apiKey: [] }]);
  });

  it('documents query parameters with their constraints', () => {
    const items = document.paths['/api/v1/items']?.['get'];
    expect(items?.parameters?.filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual(['cursor', 'limit', 'search', 'status']);
    expect(document.paths['/api/v1/orders']?.['post']?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]),
    );
  });

  it('leaves the probes open and serves browsable docs', async () => {
    expect(document.paths['/healthz']?.['get']?.security).toEqual([]);
    const docs = await api.call(null, { url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});
