import type { Queryable } from "../db/queryable.ts";
import { type AuthenticatedUser, userRoleSchema } from "./user-schema.ts";

/**
 * The user with this id and the role their row gives, or undefined when no such user exists.
 * The role is never taken from the token: TakeOne may change it after the token was issued.
 */
export async function readUserRole(db: Queryable, userId: string): Promise<AuthenticatedUser | undefined> {
  const { rows } = await db.query<{ id: string; role: string }>(
    `SELECT "id", "role" FROM "User" WHERE "id" = $1`,
    [userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { id: row.id, role: userRoleSchema.parse(row.role) };
}
