import { useCallback, useState } from 'react';

/**
 * State of one button or form that changes something through the API: busy while the call
 * runs, then either a success message or the error (shown in words by ErrorNotice).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>, success: (value: T) => string | null): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const value = await work();
      setDone(success(value));
      return value;
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => { setError(null); setDone(null); }, []);
  return { busy, error, done, run, clear };
}
