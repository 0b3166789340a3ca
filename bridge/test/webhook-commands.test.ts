import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSince } from "../src/cli/parse-since.ts";
import { readBookingState } from "./calcom-webhooks.ts";
import { insertApplication, seedApplication } from "./seed-application.ts";
import { startTestService, TEST_WEBHOOK_SECRET, type TestService } from "./start-test-service.ts";

const run = promisify(execFile);

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

/** takeone-cal from source, against the test service's database. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "bridge/src/cli/main.ts", ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: service.db.url,
          CALCOM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
          LOG_LEVEL: "silent",
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("takeone-cal trigger, deliveries, replay", () => {
  it("trigger sends a signed booking the running bridge applies; deliveries lists it", async () => {
    const seed = await seedApplication(service.db.pool);
    const url = `${service.url}/api/v1/webhooks/calcom`;
    const sent = await cli([
      "trigger",
      "BOOKING_CREATED",
      "--application",
      seed.applicationId,
      "--url",
      url,
      "--uid",
      "setupCheckUid0000000001",
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('"outcome":"applied"');
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: "setupCheckUid0000000001",
    });

    const cancelled = await cli([
      "trigger",
      "BOOKING_CANCELLED",
      "--application",
      seed.applicationId,
      "--url",
      url,
      "--uid",
      "setupCheckUid0000000001",
    ]);
    expect(cancelled.stdout).toContain('"outcome":"applied"');
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "cancelled",
    });

    const listed = await cli(["deliveries", "--since", "1h", "--json"]);
    const rows = listed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      rows.filter((row) => row.bookingUid === "setupCheckUid0000000001").map((row) => row.triggerEvent),
    ).toEqual(["BOOKING_CANCELLED", "BOOKING_CREATED"]);
  });

  it("trigger with the wrong secret is refused and exits non-zero", async () => {
    const sent = await cli([
      "trigger",
      "PING",
      "--application",
      "x",
      "--url",
      `${service.url}/api/v1/webhooks/calcom`,
      "--secret",
      "wrong",
    ]);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toContain("HTTP 401");
  });

  it("replay --unmapped applies what waited for its application, with progress", async () => {
    const seed = await seedApplication(service.db.pool);
    const missing = `${seed.applicationId}-new`;
    const url = `${service.url}/api/v1/webhooks/calcom`;
    const sent = await cli(["trigger", "BOOKING_CREATED", "--application", missing, "--url", url]);
    expect(sent.stdout).toContain('"outcome":"unmapped"');
    const unmapped = await cli(["deliveries", "--unmapped"]);
    expect(unmapped.stdout).toMatch(/BOOKING_CREATED\s+\S+\s+unmapped\s+.*-new/);

    await insertApplication(service.db.pool, {
      applicationId: missing,
      castingCallId: seed.castingCallId,
      talentUserId: seed.talent.id,
    });
    const replayed = await cli(["replay", "--unmapped"]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(
      /\[1\/\d+\] .* BOOKING_CREATED: unmapped → applied \(application .*-new\)/,
    );
    expect(await readBookingState(service.db.pool, missing)).toMatchObject({ status: "scheduled" });
  });

  it("replay wants exactly one of an id and --unmapped, and names a missing delivery", async () => {
    expect((await cli(["replay"])).code).toBe(2);
    expect((await cli(["replay", "some-id", "--unmapped"])).code).toBe(2);
    const missing = await cli(["replay", "00000000-0000-0000-0000-000000000000"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No delivery 00000000-0000-0000-0000-000000000000");
  });

  it("--since takes a duration ago or a date-time", () => {
    const now = new Date("2026-11-24T12:00:00.000Z");
    expect(parseSince("24h", now)).toEqual(new Date("2026-11-23T12:00:00.000Z"));
    expect(parseSince("30m", now)).toEqual(new Date("2026-11-24T11:30:00.000Z"));
    expect(parseSince("2026-11-01T00:00:00+03:00", now)).toEqual(new Date("2026-10-31T21:00:00.000Z"));
    expect(() => parseSince("yesterday", now)).toThrow(/ISO 8601/);
  });
});
