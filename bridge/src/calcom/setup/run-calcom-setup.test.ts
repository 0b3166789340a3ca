import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCalcom, startFakeCalcom } from "../../../test/fake-calcom-server.ts";
import { createCalcomClient } from "../api/index.ts";
import { BRIDGE_TRIGGERS } from "./plan-webhook-subscription.ts";
import { runCalcomSetup, type SetupOptions } from "./run-calcom-setup.ts";

describe("takeone-cal setup against a fake Cal.com", () => {
  let fake: FakeCalcom;
  const options: SetupOptions = {
    slug: "audition",
    applicationField: "applicationId",
    subscriberUrl: "http://bridge:3100/api/v1/webhooks/calcom",
    secret: "s3cret-one",
    isDryRun: false,
  };
  const setup = (more: Partial<SetupOptions> = {}) =>
    runCalcomSetup(createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey }), { ...options, ...more });
  const writes = () => fake.requests.filter((r) => r.method !== "GET");

  beforeAll(async () => {
    fake = await startFakeCalcom();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.state.eventTypes = [];
    fake.state.webhooks = [];
    fake.state.isSecretShown = true;
    fake.requests.length = 0;
  });

  it("creates the event type and the subscription, then a second run changes nothing", async () => {
    const lines: string[] = [];
    const first = await setup({ onProgress: (line) => lines.push(line) });
    expect(first).toMatchObject({ calLink: "casting/audition", isChanged: true });
    expect(first.steps.map((s) => s.action)).toEqual(["create", "create"]);
    expect(lines.join("\n")).toMatch(/created \(id 100\)/);

    const [eventType] = fake.state.eventTypes;
    expect(eventType).toMatchObject({
      slug: "audition",
      lengthInMinutes: 30,
      locations: [{ type: "integration", integration: "cal-video" }],
    });
    expect(eventType?.bookingFields).toContainEqual(
      expect.objectContaining({ slug: "applicationId", hidden: true, disableOnPrefill: true }),
    );
    expect(fake.state.webhooks[0]).toMatchObject({
      subscriberUrl: options.subscriberUrl,
      active: true,
      secret: "s3cret-one",
      triggers: [...BRIDGE_TRIGGERS],
    });
    const createdWith = fake.requests.find((r) => r.method === "POST" && r.path === "/v2/event-types");
    expect(createdWith?.headers["cal-api-version"]).toBe("2024-06-14");

    fake.requests.length = 0;
    const second = await setup();
    expect(second.isChanged).toBe(false);
    expect(second.steps.map((s) => s.action)).toEqual(["keep", "keep"]);
    expect(writes()).toEqual([]);
  });

  it("with --dry-run reports the plan and writes nothing", async () => {
    const report = await setup({ isDryRun: true });
    expect(report.steps.map((s) => [s.action, s.id])).toEqual([
      ["create", null],
      ["create", null],
    ]);
    expect(writes()).toEqual([]);
    expect(fake.state.eventTypes).toEqual([]);
  });

  it("repairs what an admin changed: a visible booking field, an inactive hook, a missing trigger, another secret", async () => {
    await setup();
    const fieldsOf = () =>
      (fake.state.eventTypes[0] as { bookingFields: Record<string, unknown>[] }).bookingFields;
    const field = (fieldsOf() as { slug?: string; hidden?: boolean }[]).find(
      (f) => f.slug === "applicationId",
    );
    if (field) field.hidden = false;
    fieldsOf().push({
      type: "text",
      slug: "agent",
      label: "Agent",
      required: false,
    });
    Object.assign(fake.state.webhooks[0] ?? {}, {
      active: false,
      triggers: ["BOOKING_CREATED", "FORM_SUBMITTED"],
      secret: "old",
    });

    const report = await setup();
    expect(report.steps[0]?.changes).toEqual(["booking field applicationId: hidden false → true"]);
    expect(report.steps[1]?.changes).toEqual([
      "activate",
      `add triggers ${BRIDGE_TRIGGERS.filter((t) => t !== "BOOKING_CREATED").join(", ")}`,
      "set the secret (it differed)",
    ]);
    const slugs = fieldsOf().map((f) => f.slug);
    expect(slugs).toEqual(["agent", "applicationId", "castingCallTitle", "talentName"]);
    expect(fake.state.webhooks[0]).toMatchObject({ active: true, secret: "s3cret-one" });
    expect(fake.state.webhooks[0]?.triggers).toContain("FORM_SUBMITTED");
    expect((await setup()).isChanged).toBe(false);
  });

  it("says when the stored secret cannot be read, and writes it only when forced", async () => {
    await setup();
    fake.state.isSecretShown = false;
    const report = await setup();
    expect(report.steps[1]).toMatchObject({
      action: "keep",
      notes: [expect.stringMatching(/--force-secret/)],
    });
    const forced = await setup({ isSecretForced: true, secret: "s3cret-two" });
    expect(forced.steps[1]?.changes).toEqual(["set the secret (--force-secret)"]);
    expect(fake.state.webhooks[0]?.secret).toBe("s3cret-two");
  });
});
