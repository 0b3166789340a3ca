import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALCOM_APP_EVENTS_PATH } from "../src/calcom-app/index.ts";
import { envSchema } from "../src/config/env-schema.ts";
import { countRows, readBookingState } from "./calcom-webhooks.ts";
import { seedApplication } from "./seed-application.ts";
import { startTestService, type TestService } from "./start-test-service.ts";

const SECRET = "whsec_dGFrZW9uZS1jYWxjb20tYXBwLWh0dHAtdGVzdA==";
const OLD_SECRET = "whsec_b2xkLXNlY3JldC1zdGlsbC12YWxpZC1kdXJpbmctcm90YXRpb24=";

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ env: { CALCOM_APP_SECRET: `${SECRET}, ${OLD_SECRET}` } });
});
afterAll(async () => {
  await service?.stop();
});

/** A CRM call of the takeone app for `applicationId`, as the app's toBridgeCall writes it. */
function callFor(applicationId: string | null, uid = `uid-${Math.random().toString(36).slice(2, 12)}`) {
  return {
    type: "booking.created",
    occurredAt: "2026-11-24T10:00:00.000Z",
    referenceUid: null,
    applicationId,
    event: {
      uid,
      bookingId: 501,
      startTime: "2026-12-01T07:00:00.000Z",
      endTime: "2026-12-01T07:30:00.000Z",
      location: "https://cal.takeone.example/video/x",
      videoCallData: null,
      responses: null,
      organizer: { name: "Host", email: "host@takeone.example", timeZone: "Asia/Riyadh" },
      attendees: [{ name: "Caster", email: "caster@takeone.example", timeZone: "Asia/Riyadh" }],
      cancellationReason: null,
    },
  };
}

function signed(body: string, secret = SECRET, id = "msg_test", timestamp = new Date()) {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, timestamp, body),
  };
}

async function post(body: string, headers: Record<string, string>, base = service.url) {
  const res = await fetch(`${base}${CALCOM_APP_EVENTS_PATH}`, { method: "POST", body, headers });
  return {
    status: res.status,
    body: (await res.json()) as { success: boolean; data?: { outcome: string }; error?: { code: string } },
  };
}

describe("POST /api/v1/calcom-app/events: who may send", () => {
  it("applies a call signed (Standard Webhooks) with the secret, and with the previous one during a rotation", async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const seed = await seedApplication(service.db.pool);
      const body = JSON.stringify(callFor(seed.applicationId));
      const sent = await post(body, signed(body, secret));
      expect(sent).toMatchObject({ status: 200, body: { success: true, data: { outcome: "applied" } } });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "scheduled",
      });
    }
  });

  it.each([
    ["no signature headers", (_body: string) => ({ "content-type": "application/json" })],
    [
      "another secret",
      (body: string) => signed(body, `whsec_${Buffer.from("not-the-secret-at-all").toString("base64")}`),
    ],
    [
      "a timestamp older than 5 minutes",
      (body: string) => signed(body, SECRET, "msg_old", new Date(Date.now() - 6 * 60_000)),
    ],
    [
      "a signature of another body",
      (body: string) => signed(body.replace("booking.created", "booking.deleted")),
    ],
    [
      "another message id than the one signed",
      (body: string) => ({ ...signed(body), "webhook-id": "msg_other" }),
    ],
  ])("refuses %s with 401 and records nothing", async (_label, headersFor) => {
    const seed = await seedApplication(service.db.pool);
    const body = JSON.stringify(callFor(seed.applicationId));
    const before = await countRows(service.db.pool, "BookingObservation");
    const sent = await post(body, headersFor(body));
    expect(sent).toMatchObject({
      status: 401,
      body: { success: false, error: { code: "INVALID_SIGNATURE" } },
    });
    expect(await countRows(service.db.pool, "BookingObservation")).toBe(before);
    expect(await readBookingState(service.db.pool, seed.applicationId)).toBeNull();
  });
});

describe("POST /api/v1/calcom-app/events: what it reads", () => {
  it("answers 400 INVALID_JSON for a signed body that is not JSON", async () => {
    const body = "not json {";
    expect(await post(body, signed(body))).toMatchObject({
      status: 400,
      body: { error: { code: "INVALID_JSON" } },
    });
  });

  it("answers 400 VALIDATION_FAILED, naming the fields, for a signed body that is not a CRM call", async () => {
    const body = JSON.stringify({ ...callFor("app-x"), type: "booking.exploded", occurredAt: "yesterday" });
    const sent = await post(body, signed(body));
    expect(sent).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    const details = (sent.body.error as { details?: { path: string }[] }).details ?? [];
    expect(details.map((d) => d.path).sort()).toEqual(["occurredAt", "type"]);
  });

  it("answers 400 for a call that names no booking uid", async () => {
    const call = callFor("app-x");
    const body = JSON.stringify({ ...call, event: { ...call.event, uid: null } });
    expect(await post(body, signed(body))).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED" } },
    });
  });

  it("keeps a call for an application TakeOne does not know as unmapped (200), changing no booking", async () => {
    const body = JSON.stringify(callFor("app-that-does-not-exist"));
    expect(await post(body, signed(body))).toMatchObject({
      status: 200,
      body: { data: { outcome: "unmapped" } },
    });
  });

  it("answers 405 to other methods", async () => {
    const res = await fetch(`${service.url}${CALCOM_APP_EVENTS_PATH}`);
    expect(res.status).toBe(405);
  });
});

describe("POST /api/v1/calcom-app/events without CALCOM_APP_SECRET", () => {
  it("is off: 404, nothing recorded", async () => {
    const off = await startTestService({ env: { CALCOM_APP_SECRET: "" } });
    try {
      const body = JSON.stringify(callFor("app-x"));
      expect(await post(body, signed(body), off.url)).toMatchObject({
        status: 404,
        body: { success: false, error: { code: "NOT_FOUND" } },
      });
      expect(await countRows(off.db.pool, "BookingObservation")).toBe(0);
    } finally {
      await off.stop();
    }
  });
});

describe("CALCOM_APP_SECRET", () => {
  it("takes a comma-separated list of whsec_ secrets and names the variable when one is not", () => {
    expect(envSchema.parse({ CALCOM_APP_SECRET: `${SECRET}, ${OLD_SECRET}` }).CALCOM_APP_SECRET).toEqual([
      SECRET,
      OLD_SECRET,
    ]);
    const bad = envSchema.safeParse({ CALCOM_APP_SECRET: "plain-secret" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["CALCOM_APP_SECRET", 0]);
  });
});
