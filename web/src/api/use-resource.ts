import { useCallback, useEffect, useRef, useState } from 'react';
import { ensureRoute } from './catalogue';
import { api, type Query } from './client';

export type Resource<T> =
  | { readonly state: 'loading'; readonly data: T | null; readonly error: null; readonly reload: () => void }
  | { readonly state: 'ready'; readonly data: T; readonly error: null; readonly reload: () => void }
  | { readonly state: 'failed'; readonly data: T | null; readonly error: unknown; readonly reload: () => void };

/**
 * GETs `path` whenever it or its query changes, cancelling the previous call; keeps the last
 * data while reloading so tables do not flash. `path` null means "nothing to load yet"; a new
 * `version` loads again (pages bump it after an action changes what they show).
 */
export function useResource<T>(path: string | null, query: Query = {}, version = 0): Resource<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(query)}`;
  const [state, setState] = useState<{ state: 'loading' | 'ready' | 'failed'; data: T | null; error: unknown }>({ state: 'loading', data: null, error: null });
  const [generation, setGeneration] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ state: 'loading', data: s.data, error: null }));
    ensureRoute(path).then(() => api.get<T>(path, queryRef.current, controller.signal)).then(
      (data) => setState({ state: 'ready', data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ state: 'failed', data: s.data, error }));
      },
    );
    return () => controller.abort();
  }, [key, generation, version]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload } as Resource<T>;
}
