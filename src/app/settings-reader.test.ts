import { describe, expect, it } from 'vitest';
import { MILLISECONDS, readSettings, type Environment, type SettingsReader } from './settings-reader.js';

/** What `read` gives for the variable X set to `value`, or the refusal's message. */
function reading<T>(value: string | undefined, read: (setting: SettingsReader) => T): T | string {
  const env: Environment = value === undefined ? {} : { X: value };
  const result = readSettings(env, read);
  return result.ok ? result.value : result.message;
}

describe('readSettings', () => {
  it('reads an unset or empty variable as not given, under every rule', () => {
    for (const value of [undefined, '', '  ']) {
      expect(reading(value, (s) => [s.text('X'), s.list('X'), s.wholeNumber('X', { min: 1 }), s.wholeNumberOrOff('X', { min: 1 }), s.switch('X'), s.choice('X', ['a']), s.url('X', ['http'], 'http://x'), s.origins('X'), s.secret('X', 8), s.emails('X')]))
        .toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    }
  });

  it('takes whole numbers written plainly within the range, and names the variable and range otherwise', () => {
    const batch = (value: string) => reading(value, (s) => s.wholeNumber('X', { min: 1, max: 1000 }));
    expect(['1', ' 50 ', '1000', '007'].map(batch)).toEqual([1, 50, 1000, 7]);
    for (const value of ['0', '1001', 'abc', '5s', '1.5', '-1', '+5', '1e3', '0x10', '9007199254740993']) {
      expect(batch(value), value).toBe('X: must be a whole number from 1 to 1000');
    }
    expect(reading('-1', (s) => s.wholeNumber('X', MILLISECONDS))).toBe('X: must be a whole number of milliseconds from 0 to 2147483647');
    expect(reading('2147483648', (s) => s.wholeNumber('X', MILLISECONDS))).toBe('X: must be a whole number of milliseconds from 0 to 2147483647');
    expect(reading('0', (s) => s.wholeNumber('X', { min: 1 }))).toBe('X: must be a whole number, 1 or more');
  });

  it('takes "off" beside a whole number where a setting can be switched off', () => {
    const hour = (value: string) => reading(value, (s) => s.wholeNumberOrOff('X', { min: 0, max: 23, what: 'an hour' }));
    expect(['0', '23', 'off', 'OFF'].map(hour)).toEqual([0, 23, false, false]);
    expect(['24', 'never', 'false'].map(hour)).toEqual(Array(3).fill('X: must be an hour from 0 to 23, or "off"'));
  });

  it('takes the usual on and off words for a switch, in any case, and refuses any other', () => {
    const on = ['on', 'true', 'yes', '1', 'ON', 'True', ' yes '];
    const off = ['off', 'false', 'no', '0', 'OFF', 'No'];
    expect(on.map((value) => reading(value, (s) => s.switch('X')))).toEqual(on.map(() => true));
    expect(off.map((value) => reading(value, (s) => s.switch('X')))).toEqual(off.map(() => false));
    for (const value of ['enabled', 'y', '2', 'onn']) expect(reading(value, (s) => s.switch('X'))).toBe('X: must be on or off (or true/false, yes/no, 1/0)');
  });

  it('takes one of a list in any case, spelt as the list spells it', () => {
    expect(reading('full', (s) => s.choice('X', ['FULL', 'NORMAL', 'OFF']))).toBe('FULL');
    expect(reading('FUL', (s) => s.choice('X', ['FULL', 'NORMAL', 'OFF']))).toBe('X: must be one of FULL, NORMAL, OFF');
  });

  it('takes absolute URLs of the given schemes with a host, and never repeats a refused one (it may hold a password)', () => {
    const smtp = (value: string) => reading(value, (s) => s.url('X', ['smtp', 'smtps'], 'smtps://mail.example.com'));
    expect(smtp('smtps://user:pass@mail.example.com:465')).toBe('smtps://user:pass@mail.example.com:465');
    for (const value of ['garbage', 'mail.example.com', 'http://mail.example.com', 'smtp://', 'smtp://user:secret@']) {
      expect(smtp(value), value).toBe('X: must be an absolute smtp:// or smtps:// URL, such as smtps://mail.example.com');
    }
    expect(reading('shop', (s) => s.url('X', ['http', 'https'], 'https://shop.example.com'))).toBe('X: must be an absolute http:// or https:// URL, such as https://shop.example.com');
  });

  it('takes a list of web origins as browsers send them, and refuses what is not one, naming it', () => {
    expect(reading(' https://shop.example.com, http://LOCALHOST:5173/ ,https://a.example:443', (s) => s.origins('X')))
      .toEqual(['https://shop.example.com', 'http://localhost:5173', 'https://a.example']);
    for (const value of ['not-a-url', 'shop.example.com', 'https://shop.example.com/path', 'https://shop.example.com/?a', 'ftp://shop.example.com', 'https://u:p@shop.example.com']) {
      expect(reading(`https://ok.example,${value}`, (s) => s.origins('X')), value).toBe(`X: ${value} is not a web origin; give scheme, host and optional port, such as https://shop.example.com`);
    }
  });

  it('takes a secret of at least the given length, and never repeats a refused one', () => {
    expect(reading('0123456789abcdef', (s) => s.secret('X', 16))).toBe('0123456789abcdef');
    expect(reading('hunter2', (s) => s.secret('X', 16))).toBe('X: must be at least 16 characters long (a random string, such as one from openssl rand -hex 32)');
  });

  it('takes comma-separated e-mail addresses, and names the entry that is not one', () => {
    expect(reading(' ops@shop.example , buyer@shop.example,', (s) => s.emails('X'))).toEqual(['ops@shop.example', 'buyer@shop.example']);
    for (const value of ['ops', 'ops@', 'Ops <ops@shop.example>', 'ops@shop']) {
      expect(reading(`ok@shop.example,${value}`, (s) => s.emails('X')), value).toBe(`X: ${value} is not an e-mail address; give addresses such as name@example.com, separated by commas`);
    }
  });

  it('stops at the first refusal; errors that are not refusals go on', () => {
    expect(readSettings({ A: 'x', B: 'y' }, (s) => [s.switch('A'), s.switch('B')])).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: 'A: must be on or off (or true/false, yes/no, 1/0)', details: { field: 'A' } });
    expect(() => readSettings({}, () => { throw new Error('a bug'); })).toThrow('a bug');
  });
});
