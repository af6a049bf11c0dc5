export { createAuthenticator, unauthenticated, localAudience, type Authenticator } from './authenticator';
export { loadOrCreateSigningKey, type SigningKey } from './keys';
export { USER_KINDS, type Principal, type RoleGrant, type UserKind } from './principal';
export { APPROVER_ROLE, canActOnTask, canReadDrafts, canViewCase, forbidden, isApprover, requireApprover, requireKind } from './policy';
export { principalsChanged, PRINCIPAL_TTL_MS } from './principal-cache';
export { findPrincipal, upsertUnits, upsertUser, type NewUser, type UnitRow } from './users';
export { createFirstAdmin, type FirstAdmin, type FirstAdminRequest } from './first-admin';
export { createSignInLink, redeemSignInLink, SIGN_IN_CODE_PATTERN, SIGN_IN_LINK_TTL_MS } from './sign-in-links';
