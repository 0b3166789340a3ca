import { createHash } from "node:crypto";
import type { Queryable } from "../db/queryable.ts";
import type { CalcomTokens } from "./request-calcom-tokens.ts";

export interface CalcomConnectionRow extends CalcomTokens {
  userId: string;
}

/** The lookup key of an access token (CalcomConnection.accessTokenSha256). */
export function hashAccessToken(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest("hex");
}

/** Stores a user's tokens: a first connection, a reconnection or a refresh. */
export async function saveCalcomConnection(
  db: Queryable,
  userId: string,
  tokens: CalcomTokens,
): Promise<void> {
  await db.query(
    `INSERT INTO "CalcomConnection" ("userId", "accessToken", "accessTokenSha256", "refreshToken", "expiresAt")
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("userId") DO UPDATE
        SET "accessToken" = EXCLUDED."accessToken",
            "accessTokenSha256" = EXCLUDED."accessTokenSha256",
            "refreshToken" = EXCLUDED."refreshToken",
            "expiresAt" = EXCLUDED."expiresAt",
            "updatedAt" = CURRENT_TIMESTAMP`,
    [userId, tokens.accessToken, hashAccessToken(tokens.accessToken), tokens.refreshToken, tokens.expiresAt],
  );
}

/**
 * Locks and reads one connection, by user or by its current access token, for the rest of the
 * caller's transaction: refreshes of one connection then run one at a time (Cal.com's refresh
 * token may be single-use).
 */
export async function lockCalcomConnection(
  db: Queryable,
  by: { userId: string } | { accessToken: string },
): Promise<CalcomConnectionRow | undefined> {
  const [column, value] =
    "userId" in by ? ["userId", by.userId] : ["accessTokenSha256", hashAccessToken(by.accessToken)];
  const { rows } = await db.query<CalcomConnectionRow>(
    `SELECT "userId", "accessToken", "refreshToken", "expiresAt"
       FROM "CalcomConnection" WHERE "${column}" = $1 FOR UPDATE`,
    [value],
  );
  return rows[0];
}

export async function deleteCalcomConnection(db: Queryable, userId: string): Promise<void> {
  await db.query(`DELETE FROM "CalcomConnection" WHERE "userId" = $1`, [userId]);
}
