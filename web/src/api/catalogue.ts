import { API_BASE, ApiError } from './client';

/**
 * The routes this server offers, read once from its public OpenAPI document. Pages ask before
 * calling a route the server may not have yet, so a missing feature shows its "not available"
 * state without a failed request; when the document cannot be read, every route is tried.
 */
let catalogue: Promise<readonly RegExp[] | null> | null = null;

function load(): Promise<readonly RegExp[] | null> {
  catalogue ??= fetch(`${API_BASE}/openapi.json`, { headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) return null;
      const document = (await response.json()) as { paths?: Record<string, unknown> };
      return Object.keys(document.paths ?? {}).map(pattern);
    })
    .catch(() => null);
  return catalogue;
}

function pattern(template: string): RegExp {
  const path = template.replace(/\/+$/, '');
  const escaped = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/** Rejects with the 404 the server would give when `path` (under /api/v1) is not one of its routes. */
export async function ensureRoute(path: string): Promise<void> {
  const routes = await load();
  if (routes === null) return;
  const full = `${API_BASE}${path}`.replace(/\/+$/, '');
  if (!routes.some((r) => r.test(full))) throw new ApiError(404, 'ROUTE_NOT_OFFERED', `${path} is not offered by this server`);
}
