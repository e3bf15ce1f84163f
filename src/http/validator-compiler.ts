import { TypeBoxValidatorCompiler, type TSchema } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';

type SchemaNode = { readonly type?: unknown; readonly items?: SchemaNode; readonly properties?: Readonly<Record<string, SchemaNode>> };

const CANONICAL_INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;

/**
 * TypeBox validation, strict everywhere: bodies are checked as sent (JSON types are never
 * coerced), and the strings of query strings and path parameters become numbers or booleans only
 * in canonical form — `7`, never `7.0`, `0x7`, `1e1`, `""` or `true` (TypeBox's own conversion
 * would take `1.5` as 1, so `/orders/1.5/cancel` would cancel order 1).
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const check = TypeBoxValidatorCompiler({ ...route, httpPart: 'body' });
  if (route.httpPart === 'body' || route.httpPart === 'headers') return check;
  return (value) => check(convertStrings(route.schema as SchemaNode, value));
};

function convertStrings(schema: SchemaNode, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const converted: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) converted[key] = convertValue(schema.properties?.[key], raw);
  return converted;
}

function convertValue(schema: SchemaNode | undefined, raw: unknown): unknown {
  if (schema === undefined) return raw;
  if (schema.type === 'array') return (Array.isArray(raw) ? raw : [raw]).map((item: unknown) => convertValue(schema.items, item));
  if (typeof raw !== 'string') return raw;
  if ((schema.type === 'integer' || schema.type === 'number') && CANONICAL_INTEGER.test(raw)) return Number(raw);
  if (schema.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
