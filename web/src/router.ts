import { useEffect, useState } from 'react';

/**
 * Hash routes (`#/items/SKU-1?status=backorder`): the API process serves one index.html at `/`,
 * so deep links work without any fallback rule on the server.
 */
export interface Route {
  /** Path segments after `#/`, decoded: `['items', 'SKU-1']`. */
  readonly segments: readonly string[];
  readonly params: URLSearchParams;
}

/** Splits `#/a/b?x=1` into decoded segments and its query. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  return { segments, params: new URLSearchParams(search) };
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** A hash link to a page, with segments encoded (skus may hold dots) and empty params left out. */
export function href(segments: readonly (string | number)[], params: Readonly<Record<string, string | number | null | undefined>> = {}): string {
  const path = segments.map((s) => encodeURIComponent(String(s))).join('/');
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') search.set(k, String(v));
  const query = search.toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}

/** Replaces the current page's query params without adding a history entry per keystroke. */
export function replaceParams(segments: readonly string[], params: Readonly<Record<string, string | number | null | undefined>>): void {
  const target = href(segments, params);
  if (target !== window.location.hash) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}
