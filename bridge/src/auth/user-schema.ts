import { z } from "zod";

/** The roles of a TakeOne user (CHECK "User_role_check"). */
export const USER_ROLES = ["talent", "caster", "admin"] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

/** The user a request acts as: the token's `sub`, with the role read from the User row. */
export interface AuthenticatedUser {
  id: string;
  role: UserRole;
}
