import { randomUUID } from "node:crypto";
import type { Queryable } from "../src/db/queryable.ts";

export interface SeededApplication {
  applicationId: string;
  castingCallId: string;
  talent: { id: string; email: string; name: string };
  caster: { id: string; email: string; name: string };
}

/**
 * A talent, a caster, a casting call and an application, inserted the way TakeOne's backend would:
 * plain SQL giving only the columns ARCHITECTURE.md lists (everything else has a default).
 */
export async function seedApplication(
  db: Queryable,
  options: { applicationId?: string; talentName?: string; casterName?: string } = {},
): Promise<SeededApplication> {
  const suffix = randomUUID().slice(0, 8);
  const talent = {
    id: `talent-${suffix}`,
    email: `talent-${suffix}@example.com`,
    name: options.talentName ?? "Jane Actor",
  };
  const caster = {
    id: `caster-${suffix}`,
    email: `caster-${suffix}@takeone.example`,
    name: options.casterName ?? "Casting Team",
  };
  const castingCallId = `call-${suffix}`;
  const applicationId = options.applicationId ?? `app-${suffix}`;
  await db.query(
    `INSERT INTO "User" ("id", "email", "name", "role") VALUES ($1, $2, $3, 'talent'), ($4, $5, $6, 'caster')`,
    [talent.id, talent.email, talent.name, caster.id, caster.email, caster.name],
  );
  await db.query(`INSERT INTO "CastingCall" ("id", "title", "casterUserId") VALUES ($1, $2, $3)`, [
    castingCallId,
    "Lead role — feature film",
    caster.id,
  ]);
  await insertApplication(db, { applicationId, castingCallId, talentUserId: talent.id });
  return { applicationId, castingCallId, talent, caster };
}

export async function insertApplication(
  db: Queryable,
  row: { applicationId: string; castingCallId: string; talentUserId: string },
): Promise<void> {
  await db.query(`INSERT INTO "Application" ("id", "castingCallId", "talentUserId") VALUES ($1, $2, $3)`, [
    row.applicationId,
    row.castingCallId,
    row.talentUserId,
  ]);
}
