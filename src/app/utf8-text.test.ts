import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Text } from './utf8-text.js';

describe('utf8Text', () => {
  it('gives UTF-8 back as text, without a byte-order mark', () => {
    expect(utf8Text(Buffer.from('\uFEFFsku,name\nK-1,Café crème\n'), 'file')).toEqual({ ok: true, value: 'sku,name\nK-1,Café crème\n' });
  });

  it('refuses Latin-1 or Windows-1252 bytes, naming the field and the first line that is not UTF-8', () => {
    const latin1 = Buffer.concat([Buffer.from('sku,name\nK-1,ok\nK-2,caf'), Buffer.from([0xe9]), Buffer.from('\nK-3,na'), Buffer.from([0xef]), Buffer.from('ve\n')]);
    expect(utf8Text(latin1, 'body')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: 'body: line 3 is not UTF-8 text: save the file as "CSV UTF-8" and try again', details: { field: 'body' } });
  });

  it('takes any text encoded as UTF-8, and names a line within the file for any other bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      expect(utf8Text(Buffer.from(text), 'file')).toEqual({ ok: true, value: text.replace(/^\uFEFF/, '') });
    }));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const decoded = utf8Text(bytes, 'file');
      if (decoded.ok) return;
      const line = Number(/line (\d+)/.exec(decoded.message)?.[1]);
      expect(line).toBeGreaterThanOrEqual(1);
      expect(line).toBeLessThanOrEqual(bytes.filter((b) => b === 0x0a).length + 1);
    }));
  });
});
