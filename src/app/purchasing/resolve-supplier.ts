import type { UnitOfWork } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import type { Supplier } from './ports.js';

/** Looks up one supplier by code, as a NOT_FOUND failure naming the field when it does not exist. */
export async function resolveSupplier(tx: UnitOfWork, code: string, field = 'supplier'): Promise<Result<Supplier>> {
  const [supplier] = await tx.purchasing.findSuppliers([code]);
  return supplier ? ok(supplier) : fail('NOT_FOUND', `${field}: no supplier with code ${code}`, { field });
}
