import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { calcomBookingFixture, type FakeCalcom, startFakeCalcom } from "../../test/fake-calcom-server.ts";
import { loadConfig } from "../config/index.ts";
import { createLogger } from "../http/create-logger.ts";
import { chooseSyncSource, runScheduledSync } from "./run-scheduled-sync.ts";

describe("scheduled sync", () => {
  let db: TestDatabase;
  let fake: FakeCalcom;
  const logger = createLogger({ level: "silent" });
  beforeAll(async () => {
    [db, fake] = await Promise.all([createTestDatabase(), startFakeCalcom()]);
    await db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-c','casting@takeone.example','Casting','caster'),('u-t','jane@example.com','Jane','talent');
       INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','u-c');
       INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-s','cc','u-t');`,
    );
    fake.state.eventTypes = [{ id: 100, title: "Audition", slug: "audition", lengthInMinutes: 15 }];
  });
  afterAll(async () => {
    await Promise.all([db.drop(), fake.close()]);
  });

  it("chooses the API when configured, else Cal.com's database, else nothing", () => {
    const api = loadConfig({
      CALCOM_API_URL: "http://cal/v2",
      CALCOM_API_KEY: "cal_x",
      CALCOM_DATABASE_URL: "postgres://r@db/c",
    });
    expect(chooseSyncSource(api)).toBe("api");
    expect(chooseSyncSource(api, "database")).toBe("database");
    expect(chooseSyncSource(loadConfig({ CALCOM_DATABASE_URL: "postgres://r@db/c" }))).toBe("database");
    expect(chooseSyncSource(loadConfig({}))).toBeNull();
  });

  it("does nothing without a source", async () => {
    expect(
      await runScheduledSync({
        config: loadConfig({}),
        pool: db.pool,
        clock: { now: () => new Date() },
        logger,
      }),
    ).toBeNull();
  });

  it("looks back two days from the clock and repairs what it finds", async () => {
    fake.state.bookings = [
      calcomBookingFixture({
        id: 1,
        uid: "s-1",
        start: "2030-03-10T09:00:00.000Z",
        end: "2030-03-10T09:30:00.000Z",
        metadata: { applicationId: "app-s" },
      }),
    ];
    const config = loadConfig({ CALCOM_API_URL: fake.url, CALCOM_API_KEY: fake.apiKey });
    const report = await runScheduledSync({
      config,
      pool: db.pool,
      clock: { now: () => new Date("2030-03-11T09:00:00Z") },
      logger,
    });
    expect(report?.changes).toHaveLength(1);
    const listed = fake.requests.find((r) => r.path === "/v2/bookings");
    expect(listed?.query.get("afterStart")).toBe("2030-03-09T09:00:00.000Z");
    const { rows } = await db.pool.query(
      `SELECT status FROM "AuditionBooking" WHERE "applicationId" = 'app-s'`,
    );
    expect(rows).toEqual([{ status: "scheduled" }]);
  });
});
