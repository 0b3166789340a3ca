import type { Queryable } from "../db/queryable.ts";

/** An application with the people and casting call its booking belongs to. */
export interface ApplicationParties {
  applicationId: string;
  castingCallId: string;
  talent: { id: string; email: string };
  casterUserId: string;
}

export async function readApplicationParties(
  db: Queryable,
  applicationId: string,
): Promise<ApplicationParties | null> {
  const { rows } = await db.query<{
    applicationId: string;
    castingCallId: string;
    talentUserId: string;
    talentEmail: string;
    casterUserId: string;
  }>(
    `SELECT a."id" AS "applicationId", a."castingCallId", a."talentUserId", t."email" AS "talentEmail",
            cc."casterUserId"
       FROM "Application" a
       JOIN "User" t ON t."id" = a."talentUserId"
       JOIN "CastingCall" cc ON cc."id" = a."castingCallId"
      WHERE a."id" = $1`,
    [applicationId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    applicationId: row.applicationId,
    castingCallId: row.castingCallId,
    talent: { id: row.talentUserId, email: row.talentEmail },
    casterUserId: row.casterUserId,
  };
}

/** TakeOne user ids by lower-cased e-mail, for the e-mails given. */
export async function readUserIdsByEmail(
  db: Queryable,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; email: string }>(
    `SELECT "id", lower("email") AS "email" FROM "User" WHERE lower("email") = ANY($1::text[])`,
    [wanted],
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}
