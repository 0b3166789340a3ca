import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CALCOM_SCHEMA } from "../../../test/calcom-database-schema.ts";
import { createTestDatabase } from "../../../test/create-test-database.ts";
import { type FakeCalcom, startFakeCalcom } from "../../../test/fake-calcom-server.ts";
import { startTestService, TEST_WEBHOOK_SECRET, type TestService } from "../../../test/start-test-service.ts";
import { CALCOM_WEBHOOK_PATH } from "../../webhooks/index.ts";
import { createCalcomClient } from "../api/index.ts";
import { runCalcomSetup } from "../setup/run-calcom-setup.ts";
import { type DoctorOptions, runDoctor } from "./run-doctor.ts";

describe("takeone-cal doctor: a fake Cal.com and the real bridge", () => {
  let fake: FakeCalcom;
  let service: TestService;
  const options = (more: Partial<DoctorOptions> = {}): DoctorOptions => ({
    calcomUrl: fake.webUrl,
    client: createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey, maxAttempts: 1 }),
    slug: "audition",
    applicationField: "applicationId",
    bridgeUrl: service.url,
    webhookSecrets: [TEST_WEBHOOK_SECRET],
    timeoutMs: 5_000,
    ...more,
  });
  const statuses = (checks: { name: string; status: string }[]) =>
    Object.fromEntries(checks.map((c) => [c.name, c.status]));

  beforeAll(async () => {
    [fake, service] = await Promise.all([startFakeCalcom(), startTestService()]);
  });
  afterAll(async () => {
    await Promise.all([fake.close(), service.stop()]);
  });
  beforeEach(async () => {
    Object.assign(fake.state, {
      eventTypes: [],
      webhooks: [],
      isLicensed: true,
      isEmbedServed: true,
      isSecretShown: true,
    });
    await runCalcomSetup(createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey }), {
      slug: "audition",
      applicationField: "applicationId",
      subscriberUrl: `${service.url}${CALCOM_WEBHOOK_PATH}`,
      secret: TEST_WEBHOOK_SECRET,
      isDryRun: false,
    });
  });

  it("finds nothing wrong after setup", async () => {
    const checks = await runDoctor(options());
    expect(statuses(checks)).toEqual({
      "Cal.com web app": "ok",
      "embed.js": "ok",
      "Cal.com API key": "ok",
      "Audition event type": "ok",
      "webhook subscription": "ok",
      "bridge and its database": "ok",
      "signed ping through the bridge": "ok",
      "TakeOne events endpoint": "skipped",
    });
  });

  it("names each broken link", async () => {
    fake.state.isEmbedServed = false;
    Object.assign(fake.state.webhooks[0] ?? {}, { secret: "another" });
    const checks = await runDoctor(options({ webhookSecrets: ["not-the-bridges"] }));
    const problems = checks.filter((c) => c.status === "problem");
    expect(problems.map((c) => c.name)).toEqual([
      "embed.js",
      "webhook subscription",
      "signed ping through the bridge",
    ]);
    expect(problems[1]?.detail).toMatch(/secret the bridge does not accept/);
    expect(problems[2]?.detail).toMatch(/another CALCOM_WEBHOOK_SECRET/);
  });

  it("reports the license refusal and skips what needs the API", async () => {
    fake.state.isLicensed = false;
    const checks = await runDoctor(options());
    expect(statuses(checks)).toMatchObject({
      "Cal.com API key": "problem",
      "Audition event type": "skipped",
      "webhook subscription": "skipped",
    });
    expect(checks.find((c) => c.name === "Cal.com API key")?.detail).toMatch(/CALCOM_LICENSE_KEY/);
  });

  it("reports an unreachable bridge", async () => {
    const checks = await runDoctor(options({ bridgeUrl: "http://127.0.0.1:1" }));
    expect(statuses(checks)).toMatchObject({
      "bridge and its database": "problem",
      "signed ping through the bridge": "problem",
    });
  });

  it("checks Cal.com's database when CALCOM_DATABASE_URL is set", async () => {
    const calcomDb = await createTestDatabase({ isEmpty: true });
    try {
      await calcomDb.pool.query(CALCOM_SCHEMA);
      const good = await runDoctor(options({ calcomDatabaseUrl: calcomDb.url }));
      expect(good.find((c) => c.name === "Cal.com database (sync source)")).toMatchObject({
        status: "ok",
        detail: expect.stringMatching(/readable; 0 booking/),
      });
      const wrong = await runDoctor(options({ calcomDatabaseUrl: service.db.url }));
      expect(wrong.find((c) => c.name === "Cal.com database (sync source)")).toMatchObject({
        status: "problem",
        detail: expect.stringMatching(/Cal.com's own database/),
      });
    } finally {
      await calcomDb.drop();
    }
  });
});
