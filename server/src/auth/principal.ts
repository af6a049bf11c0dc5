/**
 * Who is calling: a user of the database with their kind and, for officers, the roles they
 * hold in which units. Tokens only name the user; roles are read from the database, kept at
 * most a second per token, and forgotten at once when this process changes them
 * (principal-cache.ts), so that revoking a role takes effect at once.
 */
import type { Level } from 'motcua/engine';

export const USER_KINDS = ['citizen', 'officer', 'author', 'admin'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export interface RoleGrant {
  role: string;
  unit: string;
  /** The level of the unit (commune, province, ministry). */
  level: Level;
}

export interface Principal {
  id: string;
  name: string;
  kind: UserKind;
  nationalId: string | undefined;
  roles: RoleGrant[];
}
