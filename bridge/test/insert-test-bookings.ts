import { randomUUID } from "node:crypto";
import type { Queryable } from "../src/db/queryable.ts";

export interface TestBookingInput {
  scheduledAt: Date;
  status?: string;
  createdAt?: Date;
  reminderSent24h?: boolean;
  reminderSent1h?: boolean;
  talent?: { timezone?: string; locale?: "en" | "ar"; name?: string };
  caster?: { timezone?: string; locale?: "en" | "ar"; name?: string };
  title?: string;
}

/**
 * Inserts a talent, a caster, a casting call, an application and its booking with plain SQL, as
 * TakeOne's backend would, and returns the booking id.
 */
export async function insertTestBooking(db: Queryable, input: TestBookingInput): Promise<string> {
  const key = randomUUID().slice(0, 8);
  const talent = input.talent ?? {};
  const caster = input.caster ?? {};
  await db.query(
    `INSERT INTO "User"(id,email,name,role,timezone,locale)
     VALUES ($1,$2,$3,'talent',$4,$5), ($6,$7,$8,'caster',$9,$10)`,
    [
      `t-${key}`,
      `talent-${key}@example.com`,
      talent.name ?? `Talent ${key}`,
      talent.timezone ?? "Asia/Riyadh",
      talent.locale ?? "en",
      `c-${key}`,
      `caster-${key}@example.com`,
      caster.name ?? `Caster ${key}`,
      caster.timezone ?? "Asia/Riyadh",
      caster.locale ?? "en",
    ],
  );
  await db.query(`INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ($1,$2,$3)`, [
    `cc-${key}`,
    input.title ?? "Lead role",
    `c-${key}`,
  ]);
  await db.query(`INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ($1,$2,$3)`, [
    `app-${key}`,
    `cc-${key}`,
    `t-${key}`,
  ]);
  const id = `b-${key}`;
  const createdAt = input.createdAt ?? new Date(input.scheduledAt.getTime() - 7 * 24 * 3600_000);
  await db.query(
    `INSERT INTO "AuditionBooking"(id,"applicationId","talentUserId","casterUserId","castingCallId","scheduledAt",
       duration,"meetingType","meetingUrl",status,"reminderSent24h","reminderSent1h","createdAt","updatedAt")
     VALUES ($1,$2,$3,$4,$5,$6,30,'video','https://meet.example.com/x',$7,$8,$9,$10,$10)`,
    [
      id,
      `app-${key}`,
      `t-${key}`,
      `c-${key}`,
      `cc-${key}`,
      input.scheduledAt,
      input.status ?? "scheduled",
      input.reminderSent24h ?? false,
      input.reminderSent1h ?? false,
      createdAt,
    ],
  );
  return id;
}
