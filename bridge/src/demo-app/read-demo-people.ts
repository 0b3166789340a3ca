import type { Queryable } from "../db/queryable.ts";
import { DEMO_IDS } from "../demo/insert-demo-data.ts";

/** The people the demo page offers to sign in as: the demo casters and talent (not the admin). */
export const DEMO_SIGN_IN_IDS = [DEMO_IDS.caster, DEMO_IDS.otherCaster, DEMO_IDS.talent] as const;

export interface DemoPerson {
  id: string;
  name: string;
  email: string;
  role: "caster" | "talent";
  locale: "en" | "ar";
  timeZone: string;
}

export interface DemoApplicationRow {
  id: string;
  casterUserId: string;
  castingCallTitle: string;
  talent: { name: string; email: string };
}

/** The demo users (in DEMO_SIGN_IN_IDS order) and the applications to their casting calls. */
export async function readDemoPeople(
  db: Queryable,
): Promise<{ users: DemoPerson[]; applications: DemoApplicationRow[] }> {
  const users = await db.query<{
    id: string;
    name: string;
    email: string;
    role: string;
    locale: string;
    timezone: string;
  }>(
    `SELECT "id", "name", "email", "role", "locale", "timezone" FROM "User"
      WHERE "id" = ANY($1::text[]) AND "role" IN ('caster', 'talent')
      ORDER BY array_position($1::text[], "id")`,
    [DEMO_SIGN_IN_IDS],
  );
  const applications = await db.query<{
    id: string;
    casterUserId: string;
    title: string;
    talentName: string;
    talentEmail: string;
  }>(
    `SELECT a."id", c."casterUserId", c."title", t."name" AS "talentName", t."email" AS "talentEmail"
       FROM "Application" a
       JOIN "CastingCall" c ON c."id" = a."castingCallId"
       JOIN "User" t ON t."id" = a."talentUserId"
      WHERE c."casterUserId" = ANY($1::text[])
      ORDER BY a."id"
      LIMIT 50`,
    [DEMO_SIGN_IN_IDS],
  );
  return {
    users: users.rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role === "caster" ? "caster" : "talent",
      locale: row.locale === "ar" ? "ar" : "en",
      timeZone: row.timezone,
    })),
    applications: applications.rows.map((row) => ({
      id: row.id,
      casterUserId: row.casterUserId,
      castingCallTitle: row.title,
      talent: { name: row.talentName, email: row.talentEmail },
    })),
  };
}
