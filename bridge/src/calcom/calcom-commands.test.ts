import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALCOM_SCHEMA } from "../../test/calcom-database-schema.ts";
import { createTestDatabase } from "../../test/create-test-database.ts";
import { calcomBookingFixture, type FakeCalcom, startFakeCalcom } from "../../test/fake-calcom-server.ts";
import { startTestService, TEST_WEBHOOK_SECRET, type TestService } from "../../test/start-test-service.ts";

const run = promisify(execFile);

/** The commands as an admin runs them: a child process, configured by environment variables. */
describe("takeone-cal setup, doctor and sync (CLI)", () => {
  let fake: FakeCalcom;
  let service: TestService;
  let dataDir: string;

  const cli = (...args: string[]) => cliWith({}, ...args);
  const cliWith = async (env: NodeJS.ProcessEnv, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ["--import", "tsx", "bridge/src/cli/main.ts", ...args],
        {
          env: {
            PATH: process.env.PATH,
            NODE_ENV: "test",
            DATA_DIR: dataDir,
            DATABASE_URL: service.db.url,
            CALCOM_URL: fake.webUrl,
            CALCOM_API_URL: fake.url,
            CALCOM_API_KEY: fake.apiKey,
            CALCOM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
            BRIDGE_PUBLIC_URL: service.url,
            LOG_LEVEL: "silent",
            ...env,
          },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    [fake, service] = await Promise.all([startFakeCalcom(), startTestService()]);
    dataDir = await mkdtemp(path.join(tmpdir(), "takeone-cli-"));
  });
  afterAll(async () => {
    await Promise.all([fake.close(), service.stop(), rm(dataDir, { recursive: true, force: true })]);
  });

  it("doctor fails before setup, setup provisions, doctor passes, setup again changes nothing", async () => {
    const before = await cli("doctor");
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(
      /\[FAIL\] Audition event type: casting\/audition does not exist: run takeone-cal setup/,
    );

    const dry = await cli("setup", "--dry-run");
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toMatch(/would create/);
    expect(fake.state.eventTypes).toEqual([]);

    const setup = await cli("setup");
    expect(setup.code).toBe(0);
    expect(setup.stdout).toMatch(/Embed calLink: casting\/audition/);

    const after = await cli("doctor");
    expect(after.stdout).toMatch(/No problems found/);
    expect(after.code).toBe(0);

    const again = await cli("setup");
    expect(again.stdout).toMatch(/nothing to change/);
  });

  it("sync --dry-run exits 1 when something would change; sync repairs it", async () => {
    await service.db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-c','casting@takeone.example','Casting','caster'),('u-t','jane@example.com','Jane','talent');
       INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','u-c');
       INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-cli','cc','u-t');`,
    );
    const eventTypeId = fake.state.eventTypes[0]?.id;
    fake.state.bookings = [
      calcomBookingFixture({ id: 1, uid: "cli-1", eventTypeId, metadata: { applicationId: "app-cli" } }),
    ];

    const dry = await cli("sync", "--dry-run", "--since", "2030-01-01T00:00:00Z");
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/would record audition_booking.created for application app-cli/);

    const real = await cli("sync", "--since", "2030-01-01T00:00:00Z");
    expect(real.code).toBe(0);
    const { rows } = await service.db.pool.query(
      `SELECT status FROM "AuditionBooking" WHERE "applicationId" = 'app-cli'`,
    );
    expect(rows).toEqual([{ status: "scheduled" }]);
    expect((await cli("sync", "--dry-run", "--since", "2030-01-01T00:00:00Z")).stdout).toMatch(
      /Everything already matched/,
    );
  });

  it("sync --source database reads Cal.com's own tables", async () => {
    const calcomDb = await createTestDatabase({ isEmpty: true });
    try {
      await calcomDb.pool.query(CALCOM_SCHEMA);
      await calcomDb.pool.query(
        `INSERT INTO users(username, email) VALUES ('casting', 'casting@takeone.example');
         INSERT INTO "EventType"(title, slug, length, "userId") VALUES ('Audition', 'audition', 30, 1);
         INSERT INTO "Booking"(uid, "userId", "eventTypeId", title, responses, "startTime", "endTime", status)
           VALUES ('db-cli', 1, 1, 'Audition', '{"applicationId":"app-cli-db"}', '2030-04-01 09:00', '2030-04-01 09:30', 'accepted');`,
      );
      await service.db.pool.query(
        `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-cli-db','cc','u-t')`,
      );
      const dry = await cliWith(
        { CALCOM_DATABASE_URL: calcomDb.url },
        "sync",
        "--source",
        "database",
        "--dry-run",
        "--since",
        "2030-01-01T00:00:00Z",
      );
      expect(dry.code).toBe(1);
      expect(dry.stdout).toMatch(/from Cal.com's database/);
      expect(dry.stdout).toMatch(/would record audition_booking.created for application app-cli-db/);
      const missing = await cli("sync", "--source", "database");
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/CALCOM_DATABASE_URL/);
    } finally {
      await calcomDb.drop();
    }
  });

  it("exits 2 when the Cal.com API is not configured, and 1 with the license explanation when refused", async () => {
    const unset = await cliWith({ CALCOM_API_URL: "" }, "setup");
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/CALCOM_API_URL/);
    const badSince = await cli("sync", "--since", "yesterday");
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toMatch(/ISO 8601 date-time .* or an age such as 24h/);
    fake.state.isLicensed = false;
    const refused = await cli("setup");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no valid license/);
    fake.state.isLicensed = true;
  });
});
