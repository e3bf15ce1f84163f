import { describe, expect, it } from 'vitest';
import { checkText } from './validate.js';

describe('checkText', () => {
  it('counts characters as people do: an emoji is one, however many UTF-16 units it takes', () => {
    expect(checkText('reference', '📦'.repeat(100), { max: 100 })).toBeNull();
    expect(checkText('reference', '📦'.repeat(101), { max: 100 })).toMatchObject({ details: { field: 'reference' }, message: 'reference: must be at most 100 characters' });
    expect(checkText('name', 'x'.repeat(201))).toMatchObject({ details: { field: 'name' } });
    expect(checkText('name', '   ')).toMatchObject({ message: 'name: must not be empty' });
  });
});
