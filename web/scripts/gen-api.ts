/**
 * Regenerates web/src/api/schema.d.ts from the API's OpenAPI document. By default it builds
 * the app in-process (from dist/, so run `tsc` first; `npm run gen:api` does) over a throwaway
 * SQLite file and saves the document as web/src/api/openapi.json; `--from-file` skips the app
 * and reads that saved copy instead.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';

const apiDir = fileURLToPath(new URL('../src/api/', import.meta.url));
const savedDocument = join(apiDir, 'openapi.json');
const fromFile = process.argv.includes('--from-file');

const document = fromFile ? (JSON.parse(readFileSync(savedDocument, 'utf8')) as Record<string, unknown>) : await documentFromApp();
if (!fromFile) writeFileSync(savedDocument, `${JSON.stringify(document, null, 2)}\n`);
const types = await openapiTS(document as Parameters<typeof openapiTS>[0], { immutableTypes: true });
writeFileSync(join(apiDir, 'schema.d.ts'), types);
process.stdout.write(`wrote ${join(apiDir, 'schema.d.ts')} (${Object.keys((document['paths'] as object | undefined) ?? {}).length} paths)\n`);

async function documentFromApp(): Promise<Record<string, unknown>> {
  const dist = new URL('../../dist/src/', import.meta.url);
  const { buildApp } = (await import(new URL('http/app.js', dist).href)) as typeof import('../../src/http/app.js');
  const { openStore } = (await import(new URL('storage/open-store.js', dist).href)) as typeof import('../../src/storage/open-store.js');
  const folder = mkdtempSync(join(tmpdir(), 'restock-gen-api-'));
  const store = await openStore({ sqlitePath: join(folder, 'openapi.db') });
  const app = await buildApp({ store, rateLimit: false, webRoot: fileURLToPath(new URL('../dist', import.meta.url)) });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.statusCode}: ${response.body}`);
    return response.json<Record<string, unknown>>();
  } finally {
    await app.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
