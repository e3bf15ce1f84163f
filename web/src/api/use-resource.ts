import { useCallback, useEffect, useRef, useState } from 'react';
import { ensureRoute } from './catalogue';
import { ApiError, api, type Query } from './client';

export type Resource<T> =
  | { readonly state: 'loading'; readonly data: T | null; readonly error: null; readonly reload: () => void }
  | { readonly state: 'ready'; readonly data: T; readonly error: null; readonly reload: () => void }
  | { readonly state: 'failed'; readonly data: T | null; readonly error: unknown; readonly reload: () => void };

interface Loaded<T> {
  readonly state: 'loading' | 'ready' | 'failed';
  readonly data: T | null;
  /** The path and query `data` answers: data of another query is never shown beside this one's error. */
  readonly dataKey: string | null;
  readonly error: unknown;
}

/**
 * GETs `path` whenever it or its query changes, cancelling the previous call; keeps the last
 * data while reloading so tables do not flash. `path` null means "nothing to load yet"; a new
 * `version` loads again (pages bump it after an action changes what they show, and on a timer).
 * When a query is refused, the data of an earlier query is dropped rather than shown under the
 * error, and a refused query (4xx) is not asked again on the timer, only by `reload` or when the
 * query changes.
 */
export function useResource<T>(path: string | null, query: Query = {}, version = 0): Resource<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(query)}`;
  const [state, setState] = useState<Loaded<T>>({ state: 'loading', data: null, dataKey: null, error: null });
  const [generation, setGeneration] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const refused = useRef<{ key: string; generation: number } | null>(null);
  const asked = useRef<{ key: string; generation: number } | null>(null);
  useEffect(() => {
    if (path === null || key === null) return;
    // Only the timer's `version` changed since this very query was refused: do not ask again.
    const again = asked.current?.key === key && asked.current.generation === generation;
    asked.current = { key, generation };
    if (again && refused.current?.key === key && refused.current.generation === generation) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, state: 'loading', error: null }));
    ensureRoute(path).then(() => api.get<T>(path, queryRef.current, controller.signal)).then(
      (data) => {
        refused.current = null;
        setState({ state: 'ready', data, dataKey: key, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A refusal stands until something changes; a timeout or rate limit (408, 429) may pass.
        const refusal = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
        refused.current = refusal ? { key, generation } : null;
        setState((s) => ({ state: 'failed', data: s.dataKey === key ? s.data : null, dataKey: s.dataKey === key ? key : null, error }));
      },
    );
    return () => controller.abort();
  }, [key, generation, version]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state: state.state, data: state.data, error: state.error, reload } as Resource<T>;
}
