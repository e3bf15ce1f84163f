import type { Result } from '../app/result.js';
import { unwrap } from './context.js';

/**
 * The value of a use case asked for what a command's sku, location, supplier or endpoint
 * arguments pick (its filters, and the skus of backorders, forecast, plan, simulate …). One that
 * names nothing is bad input in every such command (VALIDATION_FAILED naming it, exit 2), as SPEC
 * §4 counts an unknown sku: scripts see one answer. Some of these use cases say NOT_FOUND instead,
 * the API's 404 for a path such as /items/{sku}/forecast; the CLI has no paths.
 */
export function unwrapSelected<T>(result: Result<T>): T {
  return unwrap(!result.ok && result.code === 'NOT_FOUND' ? { ...result, code: 'VALIDATION_FAILED' } : result);
}
