import type { Queryable } from "../db/queryable.ts";
import { APPLICATION_LOCKS } from "./lock-chain.ts";

/** An application with the people and casting call its booking belongs to. */
export interface ApplicationParties {
  applicationId: string;
  castingCall: { id: string; title: string };
  talent: { id: string; name: string; email: string };
  caster: { id: string; name: string; email: string };
}

/**
 * Takes the application's lock (lock-chain.ts) and reads who its booking belongs to, in one round
 * trip: the parties are TakeOne's rows, which the lock does not protect, so reading them in the
 * statement that takes it is safe. Null (and no lock) when the application does not exist.
 */
export async function lockApplicationParties(
  db: Queryable,
  applicationId: string,
): Promise<ApplicationParties | null> {
  return (await lockApplicationsParties(db, [applicationId])).get(applicationId) ?? null;
}

/**
 * The same for several applications (a batch of deliveries); the ones that do not exist are
 * missing from the map. The statement takes the locks in no set order: a caller locking several
 * applications that others may lock too takes them first with lockChains (sorted), so these are
 * taken again, which PostgreSQL grants at once.
 */
export async function lockApplicationsParties(
  db: Queryable,
  applicationIds: readonly string[],
): Promise<Map<string, ApplicationParties>> {
  if (applicationIds.length === 0) return new Map();
  const { rows } = await db.query<{
    applicationId: string;
    castingCallId: string;
    castingCallTitle: string;
    talentUserId: string;
    talentName: string;
    talentEmail: string;
    casterUserId: string;
    casterName: string;
    casterEmail: string;
  }>({
    name: "lock-applications-parties",
    text: `SELECT a."id" AS "applicationId", a."castingCallId", cc."title" AS "castingCallTitle",
            a."talentUserId", t."name" AS "talentName", t."email" AS "talentEmail",
            cc."casterUserId", c."name" AS "casterName", c."email" AS "casterEmail",
            pg_advisory_xact_lock($2::int, hashtext(a."id"))
       FROM "Application" a
       JOIN "User" t ON t."id" = a."talentUserId"
       JOIN "CastingCall" cc ON cc."id" = a."castingCallId"
       JOIN "User" c ON c."id" = cc."casterUserId"
      WHERE a."id" = ANY($1::text[])`,
    values: [[...applicationIds], APPLICATION_LOCKS],
  });
  return new Map(
    rows.map((row) => [
      row.applicationId,
      {
        applicationId: row.applicationId,
        castingCall: { id: row.castingCallId, title: row.castingCallTitle },
        talent: { id: row.talentUserId, name: row.talentName, email: row.talentEmail },
        caster: { id: row.casterUserId, name: row.casterName, email: row.casterEmail },
      },
    ]),
  );
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
