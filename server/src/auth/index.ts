export { createAuthenticator, unauthenticated, LOCAL_AUDIENCE, type Authenticator } from './authenticator';
export { loadOrCreateSigningKey, type SigningKey } from './keys';
export { USER_KINDS, type Principal, type RoleGrant, type UserKind } from './principal';
export { APPROVER_ROLE, canActOnTask, canReadDrafts, canViewCase, forbidden, isApprover, requireApprover, requireKind } from './policy';
export { findPrincipal, upsertUnits, upsertUser, type NewUser, type UnitRow } from './users';
