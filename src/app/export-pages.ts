import type { Page } from './pagination.js';
import { ok, type Result } from './result.js';

/**
 * All rows of a paged list, fetched page by page as they are consumed. The first page is fetched
 * at once so a bad filter comes back as the list's own failure (naming the field) before any row
 * is written; a later page cannot fail on input, since its cursor came from the list itself.
 */
export async function allPages<T, R>(fetch: (cursor: string | undefined) => Promise<Result<Page<T>>>, rowsOf: (item: T) => Iterable<R>): Promise<Result<AsyncIterable<R>>> {
  const first = await fetch(undefined);
  if (!first.ok) return first;
  async function* rows(page: Page<T>): AsyncGenerator<R> {
    for (;;) {
      for (const item of page.items) yield* rowsOf(item);
      if (page.nextCursor === null) return;
      const next = await fetch(page.nextCursor);
      if (!next.ok) throw new Error(`export stopped: ${next.code} ${next.message}`);
      page = next.value;
    }
  }
  return ok(rows(first.value));
}
