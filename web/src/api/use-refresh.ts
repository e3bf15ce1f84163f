import { useCallback, useEffect, useState } from 'react';

/**
 * A version number for a page's resources: it goes up after the page changes something, and
 * every `intervalMs` while the tab is visible, so queues and figures follow what others do.
 */
export function useRefresh(intervalMs = 5000): { readonly version: number; readonly refresh: () => void } {
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, refresh]);
  return { version, refresh };
}
