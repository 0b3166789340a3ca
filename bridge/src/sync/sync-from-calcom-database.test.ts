import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALCOM_SCHEMA } from "../../test/calcom-database-schema.ts";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { AppError } from "../http/app-error.ts";
import { systemClock } from "../service/service-context.ts";
import { type DatabaseSyncOptions, syncFromCalcomDatabase } from "./sync-from-calcom-database.ts";

describe("sync from Cal.com's own database (CALCOM_DATABASE_URL)", () => {
  let bridge: TestDatabase;
  let calcom: TestDatabase;
  const sync = (more: Partial<DatabaseSyncOptions> = {}) =>
    syncFromCalcomDatabase({
      pool: bridge.pool,
      calcomDatabaseUrl: calcom.url,
      clock: systemClock,
      slug: "audition",
      applicationField: "applicationId",
      since: new Date("2030-01-01T00:00:00Z"),
      isDryRun: false,
      ...more,
    });
  const bookingOf = async (applicationId: string) =>
    (
      await bridge.pool.query(
        `SELECT status, "calcomBookingUid", "scheduledAt", duration, timezone, "cancellationReason", "meetingUrl"
           FROM "AuditionBooking" WHERE "applicationId" = $1`,
        [applicationId],
      )
    ).rows;
  const book = (b: {
    uid: string;
    eventTypeId?: number;
    start: string;
    minutes?: number;
    status?: string;
    responses?: unknown;
    metadata?: unknown;
    fromReschedule?: string;
    rescheduled?: boolean;
    cancellationReason?: string;
    updatedAt?: string;
  }) =>
    calcom.pool.query(
      `WITH b AS (
         INSERT INTO "Booking"(uid, "userId", "eventTypeId", title, responses, metadata, "startTime", "endTime", status,
                               "fromReschedule", rescheduled, "cancellationReason", "createdAt", "updatedAt", location)
         VALUES ($1, 1, $2, 'Audition', $3, $4, $5::timestamptz AT TIME ZONE 'UTC',
                 ($5::timestamptz + make_interval(mins => $6)) AT TIME ZONE 'UTC', $7::"BookingStatus", $8, $9, $10,
                 '2030-02-01 10:00:00', $11::timestamptz AT TIME ZONE 'UTC', 'https://cal.takeone.example/video/' || $1)
         RETURNING id)
       INSERT INTO "Attendee"(email, name, "timeZone", "bookingId") SELECT 'jane@example.com', 'Jane Actor', 'Europe/London', id FROM b`,
      [
        b.uid,
        b.eventTypeId ?? 1,
        JSON.stringify(b.responses ?? {}),
        b.metadata === undefined ? null : JSON.stringify(b.metadata),
        b.start,
        b.minutes ?? 30,
        b.status ?? "accepted",
        b.fromReschedule ?? null,
        b.rescheduled ?? null,
        b.cancellationReason ?? null,
        b.updatedAt ?? "2030-02-01T10:00:00Z",
      ],
    );

  beforeAll(async () => {
    [bridge, calcom] = await Promise.all([createTestDatabase(), createTestDatabase({ isEmpty: true })]);
    await calcom.pool.query(CALCOM_SCHEMA);
    await calcom.pool.query(
      `INSERT INTO users(username, name, email, "timeZone") VALUES ('casting', 'Casting Team', 'casting@takeone.example', 'Europe/Berlin')`,
    );
    await calcom.pool.query(
      `INSERT INTO "EventType"(title, slug, length, "userId") VALUES ('Audition', 'audition', 30, 1), ('Coffee', 'coffee', 15, 1)`,
    );
    await bridge.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-c','casting@takeone.example','Casting','caster'),('u-t','jane@example.com','Jane','talent');
       INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','u-c');
       INSERT INTO "Application"(id,"castingCallId","talentUserId")
         SELECT 'app-' || n, 'cc', 'u-t' FROM unnest(ARRAY['created','cancelled','rescheduled','pending','coffee','old']) n;`,
    );
    // stored as raw values, as read in Cal.com's source (§7)…
    await book({
      uid: "db-created",
      start: "2030-03-10T09:00:00Z",
      responses: { name: "Jane Actor", applicationId: "app-created" },
    });
    // …or wrapped as the webhook payload wraps them; both are accepted
    await book({
      uid: "db-cancelled",
      start: "2030-03-11T09:00:00Z",
      status: "cancelled",
      cancellationReason: "Role has been cast",
      updatedAt: "2030-02-03T10:00:00Z",
      responses: { applicationId: { label: "Application ID", value: "app-cancelled" } },
    });
    await book({
      uid: "db-old",
      start: "2030-03-12T09:00:00Z",
      status: "cancelled",
      rescheduled: true,
      metadata: { applicationId: "app-rescheduled" },
    });
    await book({
      uid: "db-new",
      start: "2030-03-14T15:00:00Z",
      minutes: 45,
      fromReschedule: "db-old",
      metadata: { applicationId: "app-rescheduled" },
    });
    await book({
      uid: "db-pending",
      start: "2030-03-15T09:00:00Z",
      status: "awaiting_host",
      metadata: { applicationId: "app-pending" },
    });
    // not the Audition event type, and before --since: neither is read
    await book({
      uid: "db-coffee",
      eventTypeId: 2,
      start: "2030-03-16T09:00:00Z",
      metadata: { applicationId: "app-coffee" },
    });
    await book({
      uid: "db-old-start",
      start: "2029-12-31T09:00:00Z",
      metadata: { applicationId: "app-old" },
    });
  });
  afterAll(async () => {
    await Promise.all([bridge.drop(), calcom.drop()]);
  });

  it("repairs created, cancelled, rescheduled and pending bookings; a second sync changes nothing", async () => {
    const report = await sync();
    expect(report.bookingsRead).toBe(5);
    expect(await bookingOf("app-created")).toEqual([
      expect.objectContaining({
        status: "scheduled",
        calcomBookingUid: "db-created",
        duration: 30,
        timezone: "Europe/London",
        meetingUrl: "https://cal.takeone.example/video/db-created",
      }),
    ]);
    expect((await bookingOf("app-created"))[0].scheduledAt.toISOString()).toBe("2030-03-10T09:00:00.000Z");
    expect(await bookingOf("app-cancelled")).toEqual([
      expect.objectContaining({ status: "cancelled", cancellationReason: "Role has been cast" }),
    ]);
    const [rescheduled] = await bookingOf("app-rescheduled");
    expect(rescheduled).toMatchObject({ status: "scheduled", calcomBookingUid: "db-new", duration: 45 });
    expect(rescheduled.scheduledAt.toISOString()).toBe("2030-03-14T15:00:00.000Z");
    expect(await bookingOf("app-pending")).toEqual([expect.objectContaining({ status: "pending" })]);
    expect(await bookingOf("app-coffee")).toEqual([]);
    expect(await bookingOf("app-old")).toEqual([]);

    const again = await sync();
    expect(again.changes).toEqual([]);
  });

  it("leaves Cal.com's database as it was (it reads in a READ ONLY transaction)", async () => {
    const { rows } = await calcom.pool.query(`SELECT count(*)::int AS n FROM "Booking"`);
    await sync({ isDryRun: true });
    expect((await calcom.pool.query(`SELECT count(*)::int AS n FROM "Booking"`)).rows).toEqual(rows);
  });

  it("says what is wrong when the URL is not Cal.com's database", async () => {
    const error = await sync({ calcomDatabaseUrl: bridge.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/CALCOM_DATABASE_URL must point at Cal.com's own database/);
  });
});
