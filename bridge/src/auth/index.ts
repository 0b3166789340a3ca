export { authenticatorFor } from "./authenticator-for.ts";
export { mintAccessToken, tokenTtlSchema } from "./mint-access-token.ts";
export { authenticatedUser, requireUser } from "./require-user.ts";
export { type AuthenticatedUser, USER_ROLES, type UserRole, userRoleSchema } from "./user-schema.ts";
export { AccessTokenError, createTokenVerifier, type TokenKeys } from "./verify-access-token.ts";
