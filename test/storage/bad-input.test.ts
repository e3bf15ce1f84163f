import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { changeOrderPriority } from '../../src/app/change-order-priority.js';
import { getAvailability } from '../../src/app/get-availability.js';
import { createItem, updateItem } from '../../src/app/manage-items.js';
import { createLocation, updateLocation } from '../../src/app/manage-locations.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import type { ErrorCode, Result } from '../../src/app/result.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { transferStock } from '../../src/app/transfer-stock.js';
import { dumpAllTables } from '../support/db-snapshot.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * SPEC §4: bad input gets a typed failure with a stable code whose details (and message) name the
 * offending field, nothing is half-written (every table is identical before and after), and no
 * input makes a use case throw.
 */

interface Fixture {
  /** An order of WIDGET×7 with 5 allocated at MAIN and 2 backordered. */
  readonly orderId: number;
  /** An order that was rejected (GADGET is deny and has no stock). */
  readonly rejectedId: number;
}

interface Case {
  readonly name: string;
  readonly code: ErrorCode;
  /** The field the failure must name; null when the failure is about the resource as a whole. */
  readonly field: string | null;
  readonly run: (store: Store, f: Fixture) => Promise<Result<unknown>>;
}

const A = 'test';
const tooMany = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
const widgetLines = (count: number) => tooMany(count, () => ({ sku: 'WIDGET', quantity: 1 }));
const invalid = (name: string, field: string, run: Case['run']): Case => ({ name, code: 'VALIDATION_FAILED', field, run });

const CASES: Record<string, readonly Case[]> = {
  createItem: [
    invalid('a body that is not an object', 'body', (s) => createItem(s, null, 'test')),
    invalid('a list as the body', 'body', (s) => createItem(s, [], 'test')),
    invalid('no sku', 'sku', (s) => createItem(s, { name: 'x' }, 'test')),
    invalid('a sku with spaces', 'sku', (s) => createItem(s, { sku: 'has space', name: 'x' }, 'test')),
    invalid('a 65-character sku', 'sku', (s) => createItem(s, { sku: 'S'.repeat(65), name: 'x' }, 'test')),
    invalid('a numeric sku', 'sku', (s) => createItem(s, { sku: 42, name: 'x' }, 'test')),
    { name: 'a duplicate sku', code: 'CONFLICT', field: 'sku', run: (s) => createItem(s, { sku: 'WIDGET', name: 'again' }, 'test') },
    invalid('no name', 'name', (s) => createItem(s, { sku: 'NEW1' }, 'test')),
    invalid('a blank name', 'name', (s) => createItem(s, { sku: 'NEW1', name: '   ' }, 'test')),
    invalid('a fractional price', 'unitPrice', (s) => createItem(s, { sku: 'NEW1', name: 'x', unitPrice: 9.99 }, 'test')),
    invalid('a negative cost', 'unitCost', (s) => createItem(s, { sku: 'NEW1', name: 'x', unitCost: -1 }, 'test')),
    invalid('a price as text', 'unitPrice', (s) => createItem(s, { sku: 'NEW1', name: 'x', unitPrice: '100' }, 'test')),
    invalid('an unknown policy', 'backorderPolicy', (s) => createItem(s, { sku: 'NEW1', name: 'x', backorderPolicy: 'sometimes' }, 'test')),
    invalid('a negative backorder limit', 'backorderLimit', (s) => createItem(s, { sku: 'NEW1', name: 'x', backorderLimit: -1 }, 'test')),
    invalid('a fractional backorder limit', 'backorderLimit', (s) => createItem(s, { sku: 'NEW1', name: 'x', backorderLimit: 2.5 }, 'test')),
    invalid('a negative low-stock threshold', 'lowStockThreshold', (s) => createItem(s, { sku: 'NEW1', name: 'x', lowStockThreshold: -3 }, 'test')),
    invalid('a lead time of ten years', 'leadTimeDays', (s) => createItem(s, { sku: 'NEW1', name: 'x', leadTimeDays: 3651 }, 'test')),
    invalid('discontinued as text', 'discontinued', (s) => createItem(s, { sku: 'NEW1', name: 'x', discontinued: 'yes' }, 'test')),
    invalid('substitutes that are not a list', 'substitutes', (s) => createItem(s, { sku: 'NEW1', name: 'x', substitutes: 'WIDGET' }, 'test')),
    invalid('a malformed substitute', 'substitutes[1]', (s) => createItem(s, { sku: 'NEW1', name: 'x', substitutes: ['WIDGET', 'no good'] }, 'test')),
    invalid('21 substitutes', 'substitutes', (s) => createItem(s, { sku: 'NEW1', name: 'x', substitutes: tooMany(21, (i) => `S${i}`) }, 'test')),
    invalid('an unknown substitute', 'substitutes', (s) => createItem(s, { sku: 'NEW1', name: 'x', substitutes: ['NOPE'] }, 'test')),
    invalid('a repeated substitute', 'substitutes', (s) => createItem(s, { sku: 'NEW1', name: 'x', substitutes: ['WIDGET', 'WIDGET'] }, 'test')),
    invalid('an item substituting itself', 'substitutes', (s) => createItem(s, { sku: 'NEW1', name: 'x', substitutes: ['NEW1'] }, 'test')),
    invalid('an unknown field', 'colour', (s) => createItem(s, { sku: 'NEW1', name: 'x', colour: 'red' }, 'test')),
  ],
  updateItem: [
    { name: 'an unknown sku', code: 'NOT_FOUND', field: 'sku', run: (s) => updateItem(s, 'NOPE', { name: 'x' }, A) },
    invalid('a body that is not an object', 'body', (s) => updateItem(s, 'WIDGET', 'x', A)),
    invalid('a changed sku', 'sku', (s) => updateItem(s, 'WIDGET', { sku: 'OTHER' }, A)),
    invalid('a negative backorder limit', 'backorderLimit', (s) => updateItem(s, 'WIDGET', { backorderLimit: -5 }, A)),
    invalid('a policy as a number', 'backorderPolicy', (s) => updateItem(s, 'WIDGET', { backorderPolicy: 1 }, A)),
    invalid('an unknown substitute (after the item is locked)', 'substitutes', (s) => updateItem(s, 'WIDGET', { name: 'renamed', substitutes: ['NOPE'] }, A)),
    invalid('an item substituting itself', 'substitutes', (s) => updateItem(s, 'WIDGET', { substitutes: ['WIDGET'] }, A)),
    invalid('a blank name', 'name', (s) => updateItem(s, 'WIDGET', { name: '' }, A)),
    invalid('an unknown field', 'stock', (s) => updateItem(s, 'WIDGET', { stock: 5 }, A)),
  ],
  createLocation: [
    invalid('a body that is not an object', 'body', (s) => createLocation(s, 'MAIN', 'test')),
    invalid('no code', 'code', (s) => createLocation(s, { name: 'x' }, 'test')),
    invalid('a code with spaces', 'code', (s) => createLocation(s, { code: 'NEW LOC', name: 'x' }, 'test')),
    { name: 'a duplicate code', code: 'CONFLICT', field: 'code', run: (s) => createLocation(s, { code: 'MAIN', name: 'again' }, 'test') },
    invalid('no name', 'name', (s) => createLocation(s, { code: 'NEWLOC' }, 'test')),
    invalid('a fractional priority', 'priority', (s) => createLocation(s, { code: 'NEWLOC', name: 'x', priority: 1.5 }, 'test')),
    invalid('a priority out of range', 'priority', (s) => createLocation(s, { code: 'NEWLOC', name: 'x', priority: 2_000_000 }, 'test')),
    invalid('active as text', 'active', (s) => createLocation(s, { code: 'NEWLOC', name: 'x', active: 'yes' }, 'test')),
    invalid('an unknown field', 'city', (s) => createLocation(s, { code: 'NEWLOC', name: 'x', city: 'Oslo' }, 'test')),
  ],
  updateLocation: [
    { name: 'an unknown code', code: 'NOT_FOUND', field: 'code', run: (s) => updateLocation(s, 'NOPE', { name: 'x' }, A) },
    invalid('a body that is not an object', 'body', (s) => updateLocation(s, 'MAIN', null, A)),
    invalid('a priority as text', 'priority', (s) => updateLocation(s, 'MAIN', { priority: 'high' }, A)),
    invalid('active as a number', 'active', (s) => updateLocation(s, 'MAIN', { active: 0 }, A)),
    invalid('a blank name', 'name', (s) => updateLocation(s, 'MAIN', { name: '' }, A)),
    invalid('a code change (not a known field)', 'code', (s) => updateLocation(s, 'MAIN', { code: 'OTHER' }, A)),
  ],
  adjustStock: [
    invalid('a body that is not an object', 'body', (s) => adjustStock(s, 7, A)),
    { name: 'an unknown sku', code: 'NOT_FOUND', field: 'sku', run: (s) => adjustStock(s, { sku: 'NOPE', location: 'MAIN', delta: 1, reason: 'r' }, A) },
    { name: 'an unknown location', code: 'NOT_FOUND', field: 'location', run: (s) => adjustStock(s, { sku: 'WIDGET', location: 'NOPE', delta: 1, reason: 'r' }, A) },
    invalid('a zero delta', 'delta', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 0, reason: 'r' }, A)),
    invalid('a fractional delta', 'delta', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 1.5, reason: 'r' }, A)),
    invalid('a delta as text', 'delta', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: '5', reason: 'r' }, A)),
    invalid('a delta beyond the largest quantity', 'delta', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 2_000_000_000, reason: 'r' }, A)),
    invalid('both a delta and a count', 'count', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 1, count: 3, reason: 'r' }, A)),
    invalid('neither a delta nor a count', 'delta', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', reason: 'r' }, A)),
    invalid('a negative count', 'count', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', count: -1, reason: 'r' }, A)),
    invalid('a fractional count', 'count', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', count: 0.5, reason: 'r' }, A)),
    invalid('no reason', 'reason', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 1 }, A)),
    invalid('a 501-character reason', 'reason', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'r'.repeat(501) }, A)),
    invalid('an unknown field', 'note', (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'r', note: 'x' }, A)),
    { name: 'a fall below zero on hand', code: 'CONFLICT', field: 'delta', run: (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: -6, reason: 'r' }, A) },
    { name: 'a rise past the largest on-hand quantity', code: 'CONFLICT', field: 'delta', run: (s) => adjustStock(s, { sku: 'WIDGET', location: 'MAIN', delta: 1_000_000_000, reason: 'r' }, A) },
  ],
  transferStock: [
    invalid('a body that is not an object', 'body', (s) => transferStock(s, 'x', A)),
    { name: 'an unknown sku', code: 'NOT_FOUND', field: 'sku', run: (s) => transferStock(s, { sku: 'NOPE', from: 'MAIN', to: 'BACKUP', quantity: 1 }, A) },
    { name: 'an unknown source', code: 'NOT_FOUND', field: 'from', run: (s) => transferStock(s, { sku: 'WIDGET', from: 'NOPE', to: 'BACKUP', quantity: 1 }, A) },
    { name: 'an unknown destination', code: 'NOT_FOUND', field: 'to', run: (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'NOPE', quantity: 1 }, A) },
    invalid('the same location twice', 'to', (s) => transferStock(s, { sku: 'WIDGET', from: 'MAIN', to: 'MAIN', quantity: 1 }, A)),
    invalid('a zero quantity', 'quantity', (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 0 }, A)),
    invalid('a negative quantity', 'quantity', (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: -2 }, A)),
    invalid('a fractional quantity', 'quantity', (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 1.25 }, A)),
    invalid('a quantity as text', 'quantity', (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: '1' }, A)),
    invalid('a blank reason', 'reason', (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 1, reason: '' }, A)),
    invalid('an unknown field', 'when', (s) => transferStock(s, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 1, when: 'now' }, A)),
    { name: 'more than is available (allocated units stay)', code: 'CONFLICT', field: 'quantity', run: (s) => transferStock(s, { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 1 }, A) },
  ],
  placeOrder: [
    invalid('a body that is not an object', 'body', (s) => placeOrder(s, 'order', { actor: A })),
    invalid('no lines', 'lines', (s) => placeOrder(s, {}, { actor: A })),
    invalid('an empty list of lines', 'lines', (s) => placeOrder(s, { lines: [] }, { actor: A })),
    invalid('501 lines', 'lines', (s) => placeOrder(s, { lines: widgetLines(501) }, { actor: A })),
    invalid('a line that is not an object', 'lines[0]', (s) => placeOrder(s, { lines: ['WIDGET'] }, { actor: A })),
    invalid('an unknown sku on the second line', 'lines[1].sku', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] }, { actor: A })),
    invalid('a malformed sku', 'lines[0].sku', (s) => placeOrder(s, { lines: [{ sku: 'a b', quantity: 1 }] }, { actor: A })),
    invalid('a zero quantity', 'lines[0].quantity', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 0 }] }, { actor: A })),
    invalid('a negative quantity', 'lines[1].quantity', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'WIDGET', quantity: -2 }] }, { actor: A })),
    invalid('a fractional quantity', 'lines[0].quantity', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 1.5 }] }, { actor: A })),
    invalid('a quantity as text', 'lines[0].quantity', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: '3' }] }, { actor: A })),
    invalid('a null quantity', 'lines[0].quantity', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: null }] }, { actor: A })),
    invalid('a quantity beyond the largest quantity', 'lines[0].quantity', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 2_000_000_000 }] }, { actor: A })),
    invalid('an unknown field on a line', 'lines[0].price', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 1, price: 5 }] }, { actor: A })),
    invalid('an unknown field', 'coupon', (s) => placeOrder(s, { coupon: 'X', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('a priority as text', 'priority', (s) => placeOrder(s, { priority: 'high', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('a fractional priority', 'priority', (s) => placeOrder(s, { priority: 0.5, lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('an unknown shortage mode', 'shortage', (s) => placeOrder(s, { shortage: 'maybe', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('a customer that is not an object', 'customer', (s) => placeOrder(s, { customer: 'bob', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('a malformed e-mail', 'customer.email', (s) => placeOrder(s, { customer: { email: 'not-an-email' }, lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('an unknown customer field', 'customer.phone', (s) => placeOrder(s, { customer: { phone: '123' }, lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('an externalId as a number', 'externalId', (s) => placeOrder(s, { externalId: 5, lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A })),
    invalid('an empty Idempotency-Key', 'Idempotency-Key', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A, idempotencyKey: '' })),
    invalid('a 256-character Idempotency-Key', 'Idempotency-Key', (s) => placeOrder(s, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A, idempotencyKey: 'k'.repeat(256) })),
    { name: 'a reused externalId with another body', code: 'IDEMPOTENCY_MISMATCH', field: 'externalId', run: (s) => placeOrder(s, { externalId: 'shop-1', lines: [{ sku: 'WIDGET', quantity: 2 }] }, { actor: A }) },
    { name: 'backorders past the largest quantity for one item', code: 'CONFLICT', field: 'lines[2].quantity', run: (s) => placeOrder(s, { lines: [999_999_990, 5, 10].map((quantity) => ({ sku: 'WIDGET', quantity })) }, { actor: A }) },
  ],
  shipOrder: [
    { name: 'an unknown order', code: 'NOT_FOUND', field: 'id', run: (s) => shipOrder(s, 987_654, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, A) },
    { name: 'a fractional order id', code: 'NOT_FOUND', field: 'id', run: (s) => shipOrder(s, 1.5, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, A) },
    { name: 'an order id beyond the id range', code: 'NOT_FOUND', field: 'id', run: (s) => shipOrder(s, 2 ** 31, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, A) },
    { name: 'an order id that is not a number', code: 'NOT_FOUND', field: 'id', run: (s) => shipOrder(s, Number.NaN, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, A) },
    invalid('a body that is not an object', 'body', (s, f) => shipOrder(s, f.orderId, null, A)),
    invalid('no lines', 'lines', (s, f) => shipOrder(s, f.orderId, { lines: [] }, A)),
    invalid('501 lines', 'lines', (s, f) => shipOrder(s, f.orderId, { lines: widgetLines(501) }, A)),
    invalid('a sku the order does not have', 'lines[0].sku', (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'GADGET', quantity: 1 }] }, A)),
    invalid('a zero quantity', 'lines[0].quantity', (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 0 }] }, A)),
    invalid('a malformed location', 'lines[0].location', (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 1, location: 'no where' }] }, A)),
    { name: 'an unknown location', code: 'NOT_FOUND', field: 'lines[0].location', run: (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 1, location: 'NOPE' }] }, A) },
    invalid('an unknown field', 'carrier', (s, f) => shipOrder(s, f.orderId, { carrier: 'ups', lines: [{ sku: 'WIDGET', quantity: 1 }] }, A)),
    { name: 'more than is allocated', code: 'INSUFFICIENT_ALLOCATION', field: 'lines[0].quantity', run: (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 6 }] }, A) },
    { name: 'nothing allocated at the named location', code: 'INSUFFICIENT_ALLOCATION', field: 'lines[0].quantity', run: (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 1, location: 'BACKUP' }] }, A) },
    { name: 'a second line over what is left (the first is rolled back)', code: 'INSUFFICIENT_ALLOCATION', field: 'lines[1].quantity', run: (s, f) => shipOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 3 }, { sku: 'WIDGET', quantity: 3 }] }, A) },
  ],
  cancelOrder: [
    { name: 'an unknown order', code: 'NOT_FOUND', field: 'id', run: (s) => cancelOrder(s, 987_654, {}, A) },
    { name: 'a negative order id', code: 'NOT_FOUND', field: 'id', run: (s) => cancelOrder(s, -1, {}, A) },
    { name: 'a fractional order id', code: 'NOT_FOUND', field: 'id', run: (s) => cancelOrder(s, 2.5, {}, A) },
    invalid('a body that is not an object', 'body', (s, f) => cancelOrder(s, f.orderId, 'all', A)),
    invalid('an empty list of lines', 'lines', (s, f) => cancelOrder(s, f.orderId, { lines: [] }, A)),
    invalid('501 lines', 'lines', (s, f) => cancelOrder(s, f.orderId, { lines: widgetLines(501) }, A)),
    invalid('a zero quantity', 'lines[0].quantity', (s, f) => cancelOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 0 }] }, A)),
    invalid('a sku the order does not have', 'lines[0].sku', (s, f) => cancelOrder(s, f.orderId, { lines: [{ sku: 'GADGET', quantity: 1 }] }, A)),
    invalid('a blank reason', 'reason', (s, f) => cancelOrder(s, f.orderId, { reason: ' ' }, A)),
    invalid('an unknown field', 'refund', (s, f) => cancelOrder(s, f.orderId, { refund: true }, A)),
    { name: 'more units than are open', code: 'CONFLICT', field: 'lines[0].quantity', run: (s, f) => cancelOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 8 }] }, A) },
    { name: 'a second request over what is left (the first is rolled back)', code: 'CONFLICT', field: 'lines[1].quantity', run: (s, f) => cancelOrder(s, f.orderId, { lines: [{ sku: 'WIDGET', quantity: 4 }, { sku: 'WIDGET', quantity: 4 }] }, A) },
    { name: 'a rejected order', code: 'CONFLICT', field: null, run: (s, f) => cancelOrder(s, f.rejectedId, {}, A) },
  ],
  changeOrderPriority: [
    { name: 'an unknown order', code: 'NOT_FOUND', field: 'id', run: (s) => changeOrderPriority(s, 987_654, { priority: 1 }, A) },
    { name: 'an order id beyond the id range', code: 'NOT_FOUND', field: 'id', run: (s) => changeOrderPriority(s, 2 ** 53, { priority: 1 }, A) },
    invalid('a body that is not an object', 'body', (s, f) => changeOrderPriority(s, f.orderId, null, A)),
    invalid('no priority', 'priority', (s, f) => changeOrderPriority(s, f.orderId, {}, A)),
    invalid('a fractional priority', 'priority', (s, f) => changeOrderPriority(s, f.orderId, { priority: 1.5 }, A)),
    invalid('a priority as text', 'priority', (s, f) => changeOrderPriority(s, f.orderId, { priority: 'urgent' }, A)),
    invalid('a priority out of range', 'priority', (s, f) => changeOrderPriority(s, f.orderId, { priority: 5_000_000 }, A)),
    invalid('an unknown field', 'note', (s, f) => changeOrderPriority(s, f.orderId, { priority: 1, note: 'vip' }, A)),
    { name: 'a rejected order', code: 'CONFLICT', field: null, run: (s, f) => changeOrderPriority(s, f.rejectedId, { priority: 3 }, A) },
  ],
  getAvailability: [
    invalid('no skus', 'sku', (s) => getAvailability(s, [])),
    invalid('201 skus', 'sku', (s) => getAvailability(s, tooMany(201, () => 'WIDGET'))),
    invalid('a malformed sku', 'sku[0]', (s) => getAvailability(s, ['bad sku'])),
    invalid('an unknown sku', 'sku[1]', (s) => getAvailability(s, ['WIDGET', 'NOPE'])),
    invalid('a sku that is not text', 'sku[0]', (s) => getAvailability(s, [42 as unknown as string])),
  ],
  backorderQueue: [
    invalid('an unknown sku', 'sku', (s) => backorderQueue(s, 'NOPE')),
    invalid('a malformed sku', 'sku', (s) => backorderQueue(s, 'bad sku')),
    invalid('a sku that is not text', 'sku', (s) => backorderQueue(s, null as unknown as string)),
  ],
};

for (const dialect of DIALECTS) {
  describe(`bad input is refused with a typed failure naming the field, writing nothing, on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let fixture: Fixture;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN', 0);
      await seedLocation(store, 'BACKUP', 1);
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow' });
      await seedItem(store, 'GADGET', { backorderPolicy: 'deny' });
      await receive(store, 'WIDGET', 'MAIN', 5);
      const placed = await order(store, { WIDGET: 7 });
      const rejected = await placeOrder(store, { lines: [{ sku: 'GADGET', quantity: 3 }] }, { actor: A });
      if (rejected.ok) throw new Error('expected the GADGET order to be rejected');
      must(await placeOrder(store, { externalId: 'shop-1', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: A }));
      fixture = { orderId: placed.id, rejectedId: (rejected.details as { orderId: number }).orderId };
    });

    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    for (const [useCase, cases] of Object.entries(CASES)) {
      describe(useCase, () => {
        for (const c of cases) {
          it(`${c.name} → ${c.code}${c.field ? ` naming ${c.field}` : ''}`, async () => {
            const before = await dumpAllTables(store);
            const result = await c.run(store, fixture);
            expect(result.ok).toBe(false);
            if (result.ok) return;
            expect(result.code).toBe(c.code);
            if (c.field !== null) {
              expect((result.details as { field?: unknown } | undefined)?.field).toBe(c.field);
              expect(result.message).toContain(c.field);
            }
            expect(await dumpAllTables(store)).toEqual(before);
          });
        }
      });
    }
  });
}
