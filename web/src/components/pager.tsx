import { useCallback, useState } from 'react';

/**
 * Server-side pagination over opaque cursors: the API only knows "next", so the pages seen so
 * far are kept as a stack of cursors to offer "previous" too.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  const stack = state.key === resetKey ? state.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const next = useCallback((nextCursor: string) => setState({ key: resetKey, stack: [...stack, nextCursor] }), [resetKey, stack]);
  const previous = useCallback(() => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }), [resetKey, stack]);
  return { cursor, page: stack.length, next, previous };
}

/** Previous / next buttons for a cursor-paged list, with the page number announced politely. */
export function Pager({ page, nextCursor, onNext, onPrevious, label }: {
  readonly page: number;
  readonly nextCursor: string | null | undefined;
  readonly onNext: (cursor: string) => void;
  readonly onPrevious: () => void;
  readonly label: string;
}) {
  if (page <= 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={onPrevious} disabled={page <= 1}>← Previous</button>
      <span aria-live="polite">Page {page}</span>
      <button type="button" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor}>Next →</button>
    </nav>
  );
}
