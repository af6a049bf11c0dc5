/**
 * The principal of a bearer token, kept for a moment instead of read on every request (issue
 * 16, item 4: the user-and-roles query was one of the dozen statements of every action).
 *
 * Correctness first. Every writer of what a principal is made of (users, role grants, the
 * levels of units) calls {@link principalsChanged} after its write, which empties every cache
 * of this process at once: a role revoked, an account deactivated or a unit reorganized here
 * takes effect on the next request. Another process writing the same database (the CLI's
 * `units reorganize`, a second server) cannot reach this cache, so an entry is also trusted
 * for at most {@link PRINCIPAL_TTL_MS}: there, a change takes effect within that time. Under
 * load an officer's token makes many requests a second, which is when the cache pays.
 */
import type { Principal } from './principal';

/** How long a principal read from the database is trusted without reading it again. */
export const PRINCIPAL_TTL_MS = 1_000;
/** Tokens remembered at most (the least recently used is forgotten first). */
const MAX_ENTRIES = 10_000;

/** Bumped by every write of users, roles or units in this process. */
let revision = 0;

/**
 * Call after writing users, role grants or units (after the transaction commits): every
 * cached principal of this process is read again on its next request.
 */
export function principalsChanged(): void {
  revision += 1;
}

interface Entry {
  principal: Principal;
  /** Epoch ms after which the entry is read again. */
  until: number;
  revision: number;
}

/** A bounded, least-recently-used map from a token to its principal. */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = PRINCIPAL_TTL_MS,
    private readonly max = MAX_ENTRIES,
  ) {}

  /** The principal of `token` if read less than the TTL ago and nothing changed since; else undefined. */
  get(token: string, now: number): Principal | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (e.revision !== revision || e.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(token);
    this.entries.set(token, e);
    return e.principal;
  }

  /**
   * Remembers `principal` for `token` until the TTL passes or `expiresAt` (the token's own
   * expiry), whichever comes first. `readAt` is the revision seen before the read: a change
   * made while the read ran leaves the entry stale, never wrong.
   */
  set(token: string, principal: Principal, now: number, expiresAt: number, readAt: number): void {
    if (readAt !== revision) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal, until: Math.min(now + this.ttlMs, expiresAt), revision: readAt });
  }

  /** The revision to pass to {@link set}, taken before reading the principal. */
  static revision(): number {
    return revision;
  }
}
