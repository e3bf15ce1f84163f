import type { ReactNode } from 'react';
import { isMissingRoute } from '../api/describe-error';
import type { Resource } from '../api/use-resource';
import { ErrorNotice, Loading, NotAvailable } from './notices';

/**
 * Renders a loaded resource, or its loading state, or its error in words; a 404 for the
 * resource's route shows the "not available on this server yet" state instead of an error.
 */
export function ResourceView<T>({ resource, feature, children }: { readonly resource: Resource<T>; readonly feature: string; readonly children: (data: T) => ReactNode }) {
  if (resource.state === 'failed' && isMissingRoute(resource.error)) return <NotAvailable feature={feature} />;
  return (
    <>
      {resource.state === 'failed' ? <ErrorNotice error={resource.error} onRetry={resource.reload} /> : null}
      {resource.data !== null ? children(resource.data) : resource.state === 'loading' ? <Loading what={`Loading ${feature.toLowerCase()}`} /> : null}
    </>
  );
}
