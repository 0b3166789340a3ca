import type { Queryable } from "../db/queryable.ts";

/** The ids docs/api.md's curl examples use. */
export const DEMO_IDS = {
  caster: "demo-caster",
  talent: "demo-talent",
  otherCaster: "demo-caster-2",
  admin: "demo-admin",
  castingCall: "demo-casting-call",
  application: "demo-application",
} as const;

/**
 * A caster with a casting call, a talent who applied to it, a second caster and an admin: enough
 * to try the API by hand on a fresh `npm start` (TakeOne's backend owns these rows in production).
 * Inserting twice changes nothing.
 */
export async function insertDemoData(db: Queryable): Promise<typeof DEMO_IDS> {
  await db.query(
    `INSERT INTO "User" ("id", "email", "name", "role") VALUES
       ($1, 'caster@demo.takeone.test', 'Demo Caster', 'caster'),
       ($2, 'talent@demo.takeone.test', 'Demo Talent', 'talent'),
       ($3, 'caster2@demo.takeone.test', 'Second Caster', 'caster'),
       ($4, 'admin@demo.takeone.test', 'Demo Admin', 'admin')
     ON CONFLICT DO NOTHING`,
    [DEMO_IDS.caster, DEMO_IDS.talent, DEMO_IDS.otherCaster, DEMO_IDS.admin],
  );
  await db.query(
    `INSERT INTO "CastingCall" ("id", "title", "casterUserId") VALUES ($1, 'Demo: lead role', $2) ON CONFLICT DO NOTHING`,
    [DEMO_IDS.castingCall, DEMO_IDS.caster],
  );
  await db.query(
    `INSERT INTO "Application" ("id", "castingCallId", "talentUserId") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [DEMO_IDS.application, DEMO_IDS.castingCall, DEMO_IDS.talent],
  );
  return DEMO_IDS;
}
