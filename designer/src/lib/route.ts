/**
 * Hash routes (`#/procedures/1.001193`): the server serves one index.html and needs no
 * rewrite rules, and links work when the app is opened from designer/dist.
 */
import { useEffect, useState } from 'react';

export interface Route {
  /** First segment: '', 'procedures', 'portal', 'cases', 'worklist', 'my', 'login'. */
  page: string;
  /** Remaining segments, URI-decoded. */
  params: string[];
}

/** Parses a location hash into a route. */
export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  return { page: parts[0] ?? '', params: parts.slice(1) };
}

/** Builds a hash link from segments. */
export function href(...parts: string[]): string {
  return `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`;
}

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

/** The current route, updated on hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
