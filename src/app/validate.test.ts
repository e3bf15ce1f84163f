import { describe, expect, it } from 'vitest';
import { checkText } from './validate.js';

describe('checkText', () => {
  it('counts characters as people do: an emoji is one, however many UTF-16 units it takes', () => {
    expect(checkText('reference', '📦'.repeat(100), { max: 100 })).toBeNull();
    expect(checkText('reference', '📦'.repeat(101), { max: 100 })).toMatchObject({ details: { field: 'reference' }, message: 'reference: must be at most 100 characters' });
    expect(checkText('name', 'x'.repeat(201))).toMatchObject({ details: { field: 'name' } });
    expect(checkText('name', '   ')).toMatchObject({ message: 'name: must not be empty' });
  });

  it('takes one line of text, unless told it may hold many', () => {
    for (const name of ['Widget\nBcc: x@example.com', 'W\r', 'tab\there', 'bell\u0007', 'del\u007f', 'c1\u0085', 'sep\u2028']) {
      expect({ name, refusal: checkText('name', name) }).toMatchObject({ name, refusal: { message: 'name: must be one line of text, without line breaks, tabs or other control characters' } });
    }
    for (const name of ['Ölfilter – 5 L', 'Widget «XL» 📦', 'a\u00a0b']) expect(checkText('name', name)).toBeNull();
    expect(checkText('demand.text', 'date,quantity\r\n2026-01-01,3\n', { multiline: true, max: 1000 })).toBeNull();
  });
});
