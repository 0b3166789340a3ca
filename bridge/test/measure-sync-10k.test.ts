import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCalcomClient } from "../src/calcom/api/index.ts";
import { systemClock } from "../src/service/service-context.ts";
import { syncFromCalcomApi, syncFromCalcomDatabase } from "../src/sync/index.ts";
import { CALCOM_SCHEMA } from "./calcom-database-schema.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { calcomBookingFixture, type FakeCalcom, startFakeCalcom } from "./fake-calcom-server.ts";

/**
 * How long a sync of 10 000 Cal.com bookings takes here (docs/calcom-admin.md quotes the numbers).
 * A measurement, not a test of speed: it runs only with MEASURE_SYNC=1 and asserts the outcome,
 * never the time. `MEASURE_SYNC=1 npx vitest run bridge/test/measure-sync-10k.test.ts`
 */
const COUNT = Number(process.env.MEASURE_SYNC_COUNT ?? 10_000);

describe.skipIf(!process.env.MEASURE_SYNC)(`sync of ${COUNT} Cal.com bookings`, () => {
  let db: TestDatabase;
  let calcomDb: TestDatabase;
  let fake: FakeCalcom;
  beforeAll(async () => {
    [db, calcomDb, fake] = await Promise.all([
      createTestDatabase(),
      createTestDatabase({ isEmpty: true }),
      startFakeCalcom(),
    ]);
    // The same bookings in a database shaped like Cal.com's, for the database source.
    await calcomDb.pool.query(CALCOM_SCHEMA);
    await calcomDb.pool.query(
      `INSERT INTO users(username, email) VALUES ('casting', 'casting@takeone.example');
       INSERT INTO "EventType"(title, slug, length, "userId") VALUES ('Audition', 'audition', 15, 1);`,
    );
    await calcomDb.pool.query(
      `INSERT INTO "Booking"(uid, "userId", "eventTypeId", title, metadata, "startTime", "endTime", status, "cancellationReason", "createdAt", "updatedAt")
       SELECT 'db-' || i, 1, 1, 'Audition', json_build_object('applicationId', 'app-' || i),
              timestamp '2030-03-01 08:00' + i * interval '15 minutes', timestamp '2030-03-01 08:15' + i * interval '15 minutes',
              CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'accepted' END::"BookingStatus",
              CASE WHEN i % 10 = 0 THEN 'cast' END, timestamp '2030-02-01 10:00', timestamp '2030-02-02 00:00'
         FROM generate_series(1, $1) i`,
      [COUNT],
    );
    await calcomDb.pool.query(
      `INSERT INTO "Attendee"(email, name, "timeZone", "bookingId") SELECT 't' || id || '@example.com', 'Talent', 'Asia/Riyadh', id FROM "Booking"`,
    );
    await db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-c','casting@takeone.example','Casting','caster')`,
    );
    await db.pool.query(`INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','u-c')`);
    await db.pool.query(
      `INSERT INTO "User"(id,email,name,role) SELECT 'u-'||i, 't'||i||'@example.com', 'Talent '||i, 'talent' FROM generate_series(1,$1) i`,
      [COUNT],
    );
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") SELECT 'app-'||i, 'cc', 'u-'||i FROM generate_series(1,$1) i`,
      [COUNT],
    );
    fake.state.eventTypes = [{ id: 100, title: "Audition", slug: "audition", lengthInMinutes: 15 }];
    fake.state.bookings = Array.from({ length: COUNT }, (_, k) => {
      const i = k + 1;
      const start = new Date(Date.parse("2030-03-01T08:00:00Z") + i * 900_000).toISOString();
      return calcomBookingFixture({
        id: i,
        uid: `bulk-${i}`,
        start,
        end: new Date(Date.parse(start) + 900_000).toISOString(),
        // every tenth booking cancelled, to exercise both paths
        ...(i % 10 === 0
          ? { status: "cancelled", cancellationReason: "cast", updatedAt: "2030-02-02T00:00:00.000Z" }
          : {}),
        attendees: [
          { name: `Talent ${i}`, email: `t${i}@example.com`, timeZone: "Asia/Riyadh", absent: false },
        ],
        metadata: { applicationId: `app-${i}` },
      });
    });
  }, 600_000);
  afterAll(async () => {
    await Promise.all([db.drop(), calcomDb.drop(), fake.close()]);
  });

  it("first run applies every booking; a second run finds them all known", async () => {
    const client = createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey });
    const options = {
      pool: db.pool,
      client,
      clock: systemClock,
      slug: "audition",
      applicationField: "applicationId",
      since: new Date("2030-01-01T00:00:00Z"),
      isDryRun: false,
      concurrency: Number(process.env.MEASURE_SYNC_CONCURRENCY ?? 4),
    };
    let started = performance.now();
    const first = await syncFromCalcomApi(options);
    const firstMs = performance.now() - started;
    started = performance.now();
    const second = await syncFromCalcomApi(options);
    const secondMs = performance.now() - started;
    process.stdout.write(
      `sync of ${COUNT} bookings, ${options.concurrency} at a time: first run ${(firstMs / 1000).toFixed(1)} s (${Math.round(COUNT / (firstMs / 1000))}/s), ` +
        `second run (nothing to change) ${(secondMs / 1000).toFixed(1)} s\n`,
    );
    expect(first.changes).toHaveLength(COUNT + COUNT / 10);
    expect(second.changes).toHaveLength(0);
    const { rows } = await db.pool.query(
      `SELECT status, count(*)::int AS n FROM "AuditionBooking" GROUP BY status ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: "cancelled", n: COUNT / 10 },
      { status: "scheduled", n: COUNT - COUNT / 10 },
    ]);
  }, 1_800_000);

  it("from Cal.com's database, on a fresh bridge database: every booking applied, then all known", async () => {
    await db.pool.query(`TRUNCATE "AuditionBooking", "BookingObservation", "OutboxEvent" CASCADE`);
    const options = {
      pool: db.pool,
      calcomDatabaseUrl: calcomDb.url,
      clock: systemClock,
      slug: "audition",
      applicationField: "applicationId",
      since: new Date("2030-01-01T00:00:00Z"),
      isDryRun: false,
      concurrency: Number(process.env.MEASURE_SYNC_CONCURRENCY ?? 4),
    };
    let started = performance.now();
    const first = await syncFromCalcomDatabase(options);
    const firstMs = performance.now() - started;
    started = performance.now();
    const second = await syncFromCalcomDatabase(options);
    const secondMs = performance.now() - started;
    process.stdout.write(
      `database sync of ${COUNT} bookings, ${options.concurrency} at a time: first run ${(firstMs / 1000).toFixed(1)} s, ` +
        `second run ${(secondMs / 1000).toFixed(1)} s\n`,
    );
    expect(first.changes).toHaveLength(COUNT + COUNT / 10);
    expect(second.changes).toHaveLength(0);
  }, 1_800_000);
});
