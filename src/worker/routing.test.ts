import { describe, expect, it } from 'vitest';
import type { WebhookEndpoint } from '../app/communication/ports.js';
import type { StoredEvent } from '../app/ports.js';
import { NO_SMTP_NOTE, routeEvent } from './routing.js';

const event = (type: string, payload: unknown, subjectType: StoredEvent['subjectType'] = 'order', subjectId = '7'): StoredEvent => ({ seq: 1, type, subjectType, subjectId, payload, createdAt: '2026-01-01T00:00:00.000Z' });
const endpoint = (id: number, eventTypes: string[], active = true): WebhookEndpoint => ({
  id, url: 'https://example.com', secret: 's', eventTypes, description: null, active, failureStreak: 0, disabledReason: null, createdAt: '', updatedAt: '',
});
const targets = (e: StoredEvent, channels: Parameters<typeof routeEvent>[1]) => routeEvent(e, channels).map((d) => d.target);

describe('routeEvent', () => {
  const everything = { endpoints: [endpoint(1, []), endpoint(2, ['item.*']), endpoint(3, ['order.shipped']), endpoint(4, [], false)], smtp: true, staffEmail: true, supplierEmail: true };

  it('sends to the active endpoints whose filter matches, chained by subject', () => {
    expect(targets(event('order.shipped', {}), everything)).toEqual(['webhook:1', 'webhook:3', 'email']);
    expect(routeEvent(event('order.cancelled', {}), everything)).toEqual([
      { target: 'webhook:1', endpointId: 1, eventSeq: 1, eventType: 'order.cancelled', subject: 'order:7' },
      { target: 'email', endpointId: null, eventSeq: 1, eventType: 'order.cancelled', subject: 'order:7' },
    ]);
    expect(targets(event('order.rejected', {}), everything)).toEqual(['webhook:1']);
  });

  it('holds deliveries for an endpoint Restock switched off after failures, none for one an operator switched off', () => {
    const failed = { ...endpoint(5, []), active: false, disabledReason: '20 deliveries failed in a row' };
    expect(targets(event('order.shipped', {}), { ...everything, endpoints: [endpoint(4, [], false), failed] })).toEqual(['webhook:5', 'email']);
  });

  it('mails a placement only when something was backordered, and a line.backordered only when it came later', () => {
    expect(targets(event('order.placed', { lines: [{ backordered: 0 }] }), { ...everything, endpoints: [] })).toEqual([]);
    expect(targets(event('order.placed', { lines: [{ backordered: 2 }] }), { ...everything, endpoints: [] })).toEqual(['email']);
    expect(targets(event('order.placed', { lines: [{ backordered: 0, cancelled: 1 }] }), { ...everything, endpoints: [] })).toEqual(['email']);
    expect(targets(event('line.backordered', { quantity: 2 }), { ...everything, endpoints: [] })).toEqual([]);
    expect(targets(event('line.backordered', { quantity: 2, reason: 'recount' }), { ...everything, endpoints: [] })).toEqual(['email']);
  });

  it('records no mail for an order placed without an address, whether or not SMTP is configured', () => {
    for (const smtp of [true, false]) {
      const channels = { endpoints: [], smtp, staffEmail: false, supplierEmail: false };
      expect(targets(event('order.shipped', { customer: { id: 'c-1', email: null, name: 'Ann' } }), channels)).toEqual([]);
      expect(targets(event('backorder.allocated', { customer: null }), channels)).toEqual([]);
      expect(targets(event('order.placed', { customer: { id: null, email: null, name: null }, lines: [{ backordered: 2 }] }), channels)).toEqual([]);
      expect(targets(event('order.shipped', { customer: { id: null, email: 'ann@example.com', name: null } }), channels)).toEqual(['email']);
      // Some events of earlier releases carry no customer: the address is looked up when the mail is composed.
      expect(targets(event('backorder.allocated', { orderId: 7 }), channels)).toEqual(['email']);
    }
  });

  it('mails a sent purchase order to its supplier when it has an address and suppliers are mailed, noting a wait without SMTP', () => {
    const sent = (supplierEmail?: string | null) => event('po.sent', { poId: 3, supplier: 'ACME', ...(supplierEmail === undefined ? {} : { supplierEmail }) }, 'po', '3');
    expect(targets(sent('orders@acme.example'), { endpoints: [], smtp: true, staffEmail: false, supplierEmail: true })).toEqual(['email']);
    expect(routeEvent(sent('orders@acme.example'), { endpoints: [], smtp: false, staffEmail: false, supplierEmail: true })).toEqual([
      { target: 'email', endpointId: null, eventSeq: 1, eventType: 'po.sent', subject: 'po:3', note: NO_SMTP_NOTE },
    ]);
    expect(targets(sent('orders@acme.example'), { endpoints: [], smtp: true, staffEmail: true, supplierEmail: false })).toEqual([]);
    expect(targets(sent(null), { endpoints: [], smtp: true, staffEmail: true, supplierEmail: true })).toEqual([]);
    // Sent before suppliers were mailed: no address in the event, nothing old goes out after an upgrade.
    expect(targets(sent(), { endpoints: [], smtp: true, staffEmail: true, supplierEmail: true })).toEqual([]);
  });

  it('sends staff alerts only when staff addresses exist; restocks need no notifier (subscribers are told in their transaction)', () => {
    const restock = event('item.status_changed', { previousStatus: 'out_of_stock', status: 'in_stock' }, 'item', 'A');
    expect(targets(restock, { endpoints: [], smtp: true, staffEmail: false, supplierEmail: false })).toEqual([]);
    expect(targets(restock, { endpoints: [], smtp: true, staffEmail: true, supplierEmail: false })).toEqual(['email']);
    const lower = event('item.status_changed', { previousStatus: 'in_stock', status: 'low_stock' }, 'item', 'A');
    expect(targets(lower, { endpoints: [], smtp: false, staffEmail: false, supplierEmail: false })).toEqual([]);
    expect(targets(event('po.received', { lines: [{ sku: 'A', quantity: 2 }] }, 'po', '3'), { endpoints: [], smtp: false, staffEmail: false, supplierEmail: false })).toEqual([]);
  });

  it('records a customer\'s mail without SMTP, noting why it waits; staff alerts need staff addresses', () => {
    const shipped = event('order.shipped', {});
    expect(routeEvent(shipped, { endpoints: [], smtp: false, staffEmail: false, supplierEmail: false })).toEqual([
      { target: 'email', endpointId: null, eventSeq: 1, eventType: 'order.shipped', subject: 'order:7', note: NO_SMTP_NOTE },
    ]);
    expect(routeEvent(shipped, { endpoints: [], smtp: true, staffEmail: false, supplierEmail: false })[0]).not.toHaveProperty('note');
    expect(targets(event('stock.low', {}, 'item', 'A'), { endpoints: [], smtp: false, staffEmail: false, supplierEmail: false })).toEqual([]);
  });
});
