import { useMemo } from 'react';
import type { ItemAvailability } from './types';
import { useResource } from './use-resource';

/** Incoming units and promise dates of the items on screen, from one availability call. */
export function useAvailability(skus: readonly string[], version = 0): ReadonlyMap<string, ItemAvailability> {
  const resource = useResource<{ items: readonly ItemAvailability[] }>(skus.length > 0 ? '/availability' : null, { sku: skus }, version);
  return useMemo(() => new Map((resource.data?.items ?? []).map((a) => [a.sku, a])), [resource.data]);
}
