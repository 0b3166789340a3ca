import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";

/** TakeOne's backend writes these tables with plain SQL; the columns it names are all it must give. */
describe("TakeOne core tables", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-caster','c@example.com','Casting Team','caster'),
                                                    ('u-talent','t@example.com','ليلى أحمد','talent')`,
    );
    await db.pool.query(
      `INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc-1','Lead role','u-caster')`,
    );
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-1','cc-1','u-talent')`,
    );
  });
  afterAll(() => db.drop());

  it("accepts rows given only the documented columns, and fills the rest with defaults", async () => {
    const { rows } = await db.pool.query(`SELECT * FROM "User" WHERE id = 'u-talent'`);
    expect(rows[0]).toMatchObject({ name: "ليلى أحمد", timezone: "Asia/Riyadh", locale: "en" });
    expect(rows[0].createdAt).toBeInstanceOf(Date);
    expect(rows[0].updatedAt).toBeInstanceOf(Date);
    const app = await db.pool.query(`SELECT "createdAt", "updatedAt" FROM "Application" WHERE id = 'app-1'`);
    expect(app.rows[0].updatedAt).toBeInstanceOf(Date);
  });

  it("refuses a role outside talent, caster, admin and a locale outside en, ar", async () => {
    await expect(
      db.pool.query(`INSERT INTO "User"(id,email,name,role) VALUES ('x','x@example.com','X','director')`),
    ).rejects.toThrow(/User_role_check/);
    await expect(
      db.pool.query(
        `INSERT INTO "User"(id,email,name,role,locale) VALUES ('y','y@example.com','Y','talent','fr')`,
      ),
    ).rejects.toThrow(/User_locale_check/);
  });

  it("enforces booking status and meeting type values, and one booking per application", async () => {
    const insert = (id: string, status: string, meetingType = "video") =>
      db.pool.query(
        `INSERT INTO "AuditionBooking"(id,"applicationId","talentUserId","casterUserId","castingCallId","scheduledAt",duration,"meetingType",status)
         VALUES ($1,'app-1','u-talent','u-caster','cc-1',now(),30,$3,$2)`,
        [id, status, meetingType],
      );
    await expect(insert("b0", "maybe")).rejects.toThrow(/AuditionBooking_status_check/);
    await expect(insert("b0", "scheduled", "carrier-pigeon")).rejects.toThrow(
      /AuditionBooking_meetingType_check/,
    );
    await insert("b1", "no-show");
    await expect(insert("b2", "scheduled")).rejects.toThrow(/AuditionBooking_applicationId_key/);
  });

  it("keeps availability slots weekly or one-off, with HH:MM times that start before they end", async () => {
    const insert = (dayOfWeek: number | null, specificDate: string | null, start: string, end: string) =>
      db.pool.query(
        `INSERT INTO "AvailabilitySlot"(id,"talentUserId","dayOfWeek","specificDate","startTime","endTime")
         VALUES (gen_random_uuid()::text,'u-talent',$1,$2,$3,$4)`,
        [dayOfWeek, specificDate, start, end],
      );
    await insert(1, null, "09:00", "17:00");
    await insert(null, "2026-12-01", "10:00", "12:30");
    await expect(insert(1, "2026-12-01", "09:00", "17:00")).rejects.toThrow(/AvailabilitySlot_kind_check/);
    await expect(insert(null, null, "09:00", "17:00")).rejects.toThrow(/AvailabilitySlot_kind_check/);
    await expect(insert(7, null, "09:00", "17:00")).rejects.toThrow(/AvailabilitySlot_dayOfWeek_check/);
    await expect(insert(2, null, "17:00", "09:00")).rejects.toThrow(/AvailabilitySlot_time_check/);
    await expect(insert(2, null, "9:00", "17:00")).rejects.toThrow(/AvailabilitySlot_time_check/);
  });

  it("removes an application's booking with the application", async () => {
    await db.pool.query(`DELETE FROM "Application" WHERE id = 'app-1'`);
    const { rowCount } = await db.pool.query(
      `SELECT 1 FROM "AuditionBooking" WHERE "applicationId" = 'app-1'`,
    );
    expect(rowCount).toBe(0);
  });
});
