import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/describe-error';

/** An API or dashboard failure in words, announced to screen readers; `id` lets the field at fault point at it. */
export function ErrorNotice({ error, onRetry, id }: { readonly error: unknown; readonly onRetry?: (() => void) | undefined; readonly id?: string | undefined }) {
  const words = describeError(error);
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <strong>{words.title}</strong>
      <p>{words.detail}</p>
      {words.code ? <p className="muted small">Error code: {words.code}{requestIdOf(error) ? <> · request id <span className="mono">{requestIdOf(error)}</span> (quote it when reporting this)</> : null}</p> : null}
      {onRetry ? <button type="button" onClick={onRetry}>Try again</button> : null}
    </div>
  );
}

/** What an empty list means and what to do next. */
export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <strong>{title}</strong>
      {children ? <div className="empty-next">{children}</div> : null}
    </div>
  );
}

/** The page's API answered 404: this server does not offer the feature (yet). */
export function NotAvailable({ feature }: { readonly feature: string }) {
  return (
    <EmptyState title={`Not available on this server yet: ${feature}`}>
      <p>The API answered “not found” for this part. Once the server is upgraded to a version that offers it, this page fills in by itself.</p>
    </EmptyState>
  );
}

/** A polite "loading" line while the first answer is on its way. */
export function Loading({ what = 'Loading' }: { readonly what?: string }) {
  return <p className="loading" role="status" aria-live="polite">{what}…</p>;
}

/** A short-lived success message after an action. */
export function SuccessNotice({ children }: { readonly children: ReactNode }) {
  return <div className="notice notice-ok" role="status">{children}</div>;
}

/** The id the server logged a failed request under, if it said. */
function requestIdOf(error: unknown): string | null {
  return error instanceof ApiError ? error.requestId : null;
}
