import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldChanges, REDACTED } from './field-changes.js';

describe('fieldChanges', () => {
  it('lists only the fields whose values differ, with both values', () => {
    const before = { sku: 'A', name: 'Bolt', unitPrice: 100, substitutes: ['B'] };
    const after = { sku: 'A', name: 'Bolt M8', unitPrice: 100, substitutes: ['B', 'C'] };
    expect(fieldChanges(before, after)).toEqual({
      name: { from: 'Bolt', to: 'Bolt M8' },
      substitutes: { from: ['B'], to: ['B', 'C'] },
    });
  });

  it('treats a missing record as all nulls: creation and deletion', () => {
    expect(fieldChanges(null, { code: 'WH1', active: true })).toEqual({ active: { from: null, to: true }, code: { from: null, to: 'WH1' } });
    expect(fieldChanges({ code: 'WH1' }, null)).toEqual({ code: { from: 'WH1', to: null } });
  });

  it('never keeps the value of a redacted field, but still says it changed', () => {
    const changes = fieldChanges({ url: 'http://a', secret: 'old-secret' }, { url: 'http://a', secret: 'new-secret' }, { redact: ['secret'] });
    expect(changes).toEqual({ secret: { from: REDACTED, to: REDACTED } });
    expect(JSON.stringify(changes)).not.toMatch(/old-secret|new-secret/);
    expect(fieldChanges(null, { secret: 's' }, { redact: ['secret'] })).toEqual({ secret: { from: null, to: REDACTED } });
  });

  it('leaves out ignored bookkeeping fields', () => {
    expect(fieldChanges({ id: 1, updatedAt: 'x', name: 'a' }, { id: 1, updatedAt: 'y', name: 'a' }, { ignore: ['updatedAt'] })).toEqual({});
  });

  it('is empty exactly when the two records have the same content', () => {
    const record = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof(fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(null)));
    fc.assert(
      fc.property(record, record, (a, b) => {
        const changes = fieldChanges(a, b);
        const same = ['a', 'b', 'c', 'd'].every((k) => (a[k] ?? null) === (b[k] ?? null));
        expect(Object.keys(changes).length === 0).toBe(same);
        for (const [name, change] of Object.entries(changes)) {
          expect(change.from).toBe(a[name] ?? null);
          expect(change.to).toBe(b[name] ?? null);
        }
      }),
    );
  });
});
