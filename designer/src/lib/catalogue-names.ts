/**
 * The library's catalogues as the server holds them (`GET /api/catalogues`), fetched once per
 * page load: the names of roles and national sources shown to citizens and officers instead of
 * their ids, and what the designer's validator checks against. Never a copy bundled at build
 * time. Until they arrive a name reads as its id; `useCatalogues` re-renders when they do.
 */
import { useEffect, useState } from 'react';
import type { CataloguesView } from 'motcua/contract';
import { api } from './api';
import { localized } from './format';

let view: CataloguesView | undefined;
let pending: Promise<CataloguesView> | undefined;

/** Takes catalogues already at hand (as the server sent them) instead of asking for them. */
export function primeCatalogues(catalogues: CataloguesView): void {
  view = catalogues;
  pending = Promise.resolve(catalogues);
}

/** The catalogues (one request however many callers). */
export function loadCatalogues(): Promise<CataloguesView> {
  pending ??= api<CataloguesView>('GET', '/api/catalogues').then(
    (v) => (view = v),
    (err: unknown) => {
      pending = undefined;
      throw err;
    },
  );
  return pending;
}

/** The catalogues once loaded (undefined before); a component calling it re-renders when they arrive. */
export function useCatalogues(): CataloguesView | undefined {
  const [loaded, setLoaded] = useState(view);
  useEffect(() => {
    if (!view) loadCatalogues().then(setLoaded, () => undefined);
  }, []);
  return loaded;
}

/** A role's name in the language shown, else its id (before the catalogues arrive, or for an unknown role). */
export function roleName(id: string): string {
  const role = view?.roles.find((r) => r.id === id);
  return role ? localized(role.name) : id;
}

/** A national source's name in the language shown, else undefined. */
export function sourceName(id: string): string | undefined {
  const source = view?.sources.find((s) => s.id === id);
  return source ? localized(source.name) : undefined;
}
