import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCalcomClient } from "../src/calcom/index.ts";
import { sendPendingPropagations } from "../src/propagation/index.ts";
import { systemClock } from "../src/service/service-context.ts";
import { applyCalcomBookings } from "../src/sync/index.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { calcomBookingFixture, type FakeCalcom, startFakeCalcom } from "./fake-calcom-server.ts";

/**
 * How long the propagation job takes to carry N cancels to Cal.com here (docs/calcom-admin.md
 * quotes the numbers). A measurement, not a test of speed: it runs only with MEASURE_PROPAGATION=1
 * and asserts the outcome, never the time.
 * `MEASURE_PROPAGATION=1 npx vitest run bridge/test/measure-propagation.test.ts`
 */
const COUNT = Number(process.env.MEASURE_PROPAGATION_COUNT ?? 1_000);

describe.skipIf(!process.env.MEASURE_PROPAGATION)(`propagation of ${COUNT} cancels`, () => {
  let db: TestDatabase;
  let fake: FakeCalcom;
  beforeAll(async () => {
    [db, fake] = await Promise.all([createTestDatabase(), startFakeCalcom()]);
    await db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-c','casting@takeone.example','Casting','caster'),('u-t','jane@example.com','Jane','talent');
       INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','u-c');
       INSERT INTO "Application"(id,"castingCallId","talentUserId") SELECT 'app-' || i, 'cc', 'u-t' FROM generate_series(1, $1) i;`.replace(
        "$1",
        String(COUNT),
      ),
    );
    const bookings = Array.from({ length: COUNT }, (_, i) =>
      calcomBookingFixture({
        id: i + 1,
        uid: `m-${i + 1}`,
        createdAt: "2026-01-05T10:00:00.000Z",
        updatedAt: "2026-01-05T10:00:00.000Z",
        metadata: { applicationId: `app-${i + 1}` },
      }),
    );
    fake.state.bookings.push(...bookings);
    await applyCalcomBookings(bookings as never, {
      pool: db.pool,
      clock: systemClock,
      applicationField: "applicationId",
      isDryRun: false,
    });
    await db.pool.query(
      `INSERT INTO "CalcomPropagation" ("bookingId", "calcomBookingUid", "action", "data")
       SELECT "id", "calcomBookingUid", 'cancel', '{"reason":"cast","byUserId":"u-c"}' FROM "AuditionBooking"`,
    );
  }, 600_000);
  afterAll(async () => {
    await Promise.all([db.drop(), fake.close()]);
  });

  it("carries every cancel once", async () => {
    const started = performance.now();
    const result = await sendPendingPropagations({
      client: createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey }),
      pool: db.pool,
      clock: systemClock,
      applicationField: "applicationId",
      retryScheduleMs: [1_000],
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`propagation: ${COUNT} cancels in ${seconds.toFixed(1)} s\n`);
    expect(result).toEqual({ done: COUNT, retried: 0, failed: 0 });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(COUNT);
  }, 600_000);
});
