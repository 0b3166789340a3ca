import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildCalcomWebhook, signCalcomWebhook } from "../src/webhooks/build-calcom-webhook.ts";
import { createCalcomWebhookHandler } from "../src/webhooks/create-calcom-webhook-handler.ts";
import { bookingOf, readBookingState } from "./calcom-webhooks.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { seedApplication } from "./seed-application.ts";
import { startRouterServer, type WebhookTarget } from "./start-handler-server.ts";
import { TEST_WEBHOOK_SECRET } from "./start-test-service.ts";

const createdAt = new Date("2026-11-24T10:00:00.000Z");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db?.drop();
});

function signedRequest(body: Record<string, unknown>, secret = TEST_WEBHOOK_SECRET): Request {
  const signed = signCalcomWebhook(body, secret);
  return new Request("https://takeone.example/api/v1/webhooks/calcom", {
    method: "POST",
    headers: signed.headers,
    body: signed.body,
  });
}

describe("createCalcomWebhookHandler with Request objects", () => {
  it("the example Next.js route file (three lines) applies a signed booking", async () => {
    vi.stubEnv("DATABASE_URL", db.url);
    vi.stubEnv("CALCOM_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET);
    // The example imports the built package, as TakeOne's app would.
    const route = await import("../../examples/nextjs/app/api/v1/webhooks/calcom/route.ts");
    const seed = await seedApplication(db.pool);
    const response = await route.POST(
      signedRequest(buildCalcomWebhook("BOOKING_CREATED", { createdAt, booking: bookingOf(seed) })),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, data: { outcome: "applied" } });
    expect(await readBookingState(db.pool, seed.applicationId)).toMatchObject({ status: "scheduled" });
    expect(route.runtime).toBe("nodejs");
    await route.POST.close();
  });

  it("uses a pool it is given and leaves it open; refuses a missing secret at creation", async () => {
    const handler = createCalcomWebhookHandler({ database: db.pool, secrets: ["old", TEST_WEBHOOK_SECRET] });
    const seed = await seedApplication(db.pool);
    const response = await handler(
      signedRequest(buildCalcomWebhook("BOOKING_REQUESTED", { createdAt, booking: bookingOf(seed) })),
    );
    expect(await response.json()).toMatchObject({ data: { outcome: "applied" } });
    await handler.close();
    expect((await db.pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(() => createCalcomWebhookHandler({ database: db.pool, secrets: " , " })).toThrow(
      /at least one webhook secret/,
    );
  });

  it("answers 413 from Content-Length without reading the body, and for a streamed body over the limit", async () => {
    const handler = createCalcomWebhookHandler({
      database: db.pool,
      secrets: TEST_WEBHOOK_SECRET,
      bodyLimitBytes: 1000,
    });
    const announced = await handler(
      new Request("https://takeone.example/hook", {
        method: "POST",
        headers: { "content-length": "5000" },
        body: "x".repeat(5000),
      }),
    );
    expect(announced.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(500));
        controller.close();
      },
    });
    const streamed = await handler(
      new Request("https://takeone.example/hook", {
        method: "POST",
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ success: false, error: { code: "BODY_TOO_LARGE" } });
  });
});

describe("calcomWebhookRouter in another express app", () => {
  let target: WebhookTarget;
  beforeAll(async () => {
    target = await startRouterServer();
  });
  afterAll(async () => {
    await target?.stop();
  });

  it("leaves the app's other routes alone", async () => {
    const res = await fetch(`${target.url}/their/own/route`);
    expect(await res.json()).toEqual({ ok: true });
  });
});
