/** Loads an API resource for a page: data, error text, and a reload function. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, arrivedPrefetch, dropPrefetch, errorText } from '../lib/api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  // The first page of a list that index.html fetched and read before the app's script arrived
  // is shown by the first render (on a slow network, the cards come with the page, not a
  // render later); the effect spends that read instead of fetching again, as long as the path
  // is still the one shown (StrictMode runs the effect twice: both times it only spends).
  const [arrived] = useState(() => (path === null ? undefined : arrivedPrefetch<T>(path)));
  const shown = useRef(arrived !== undefined ? path : null);
  const [data, setData] = useState<T | undefined>(arrived);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null && arrived === undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    if (shown.current === path && tick === 0) {
      dropPrefetch(path);
      return;
    }
    shown.current = null;
    let live = true;
    setLoading(true);
    api<T>('GET', path)
      .then((d) => { if (live) { setData(d); setError(null); } })
      .catch((err: unknown) => { if (live) setError(errorText(err)); })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
