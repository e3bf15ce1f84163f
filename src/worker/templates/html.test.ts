import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolated text but keeps nested markup', () => {
    const name = `<img src=x onerror="alert('x')"> & co`;
    expect(html`<p>${name}</p>${html`<b>${'ok'}</b>`}`.value).toBe(`<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co</p><b>ok</b>`);
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
  });

  it('never lets a tag or an attribute quote through from text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(html`${text}`.value).not.toMatch(/[<>"']/);
    }));
  });
});
