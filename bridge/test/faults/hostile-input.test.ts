import net from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCalcomWebhook } from "../../src/webhooks/build-calcom-webhook.ts";
import { signCalcomBody } from "../../src/webhooks/verify-calcom-signature.ts";
import { bookingOf, postRaw, postSigned, WEBHOOK_PATH } from "../calcom-webhooks.ts";
import { seedApplication } from "../seed-application.ts";
import { startTestService, TEST_WEBHOOK_SECRET, type TestService } from "../start-test-service.ts";

/**
 * Whatever a sender puts in a request, the bridge answers 2xx or 4xx — never a 5xx, never a crash —
 * and keeps serving. (Issue 8, hostile input.)
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService({ env: { HTTP_REQUEST_TIMEOUT_MS: "1500" } });
});
afterAll(async () => {
  await service?.stop();
});

const isHandled = (status: number) => status >= 200 && status < 500;

async function stillServes(): Promise<void> {
  const res = await fetch(`${service.url}/healthz`);
  expect(res.status).toBe(200);
}

describe("hostile webhook input", () => {
  it("random signed bodies (any bytes, any JSON) are answered 2xx or 4xx", async () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value));
    const webhookish = fc
      .record({
        triggerEvent: fc.oneof(
          fc.constantFrom(
            "BOOKING_CREATED",
            "BOOKING_CANCELLED",
            "MEETING_ENDED",
            "BOOKING_NO_SHOW_UPDATED",
            "PING",
          ),
          fc.string(),
        ),
        createdAt: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
          fc.integer(),
        ),
        payload: fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.record({
            uid: fc.oneof(fc.string(), fc.integer()),
            startTime: fc.string(),
            endTime: fc.string(),
          }),
        ),
      })
      .map((value) => JSON.stringify(value));
    const bytes = fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array));
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, webhookish, bytes), async (body) => {
        const signature = signCalcomBody(body, TEST_WEBHOOK_SECRET);
        const res = await fetch(`${service.url}${WEBHOOK_PATH}`, {
          method: "POST",
          body,
          headers: { "x-cal-signature-256": signature },
        });
        expect(isHandled(res.status)).toBe(true);
        await res.arrayBuffer();
      }),
      { numRuns: 150 },
    );
    await stillServes();
  });

  it("mutations of a real delivery (signed after mutating) are answered 2xx or 4xx", async () => {
    const seed = await seedApplication(service.db.pool);
    const base = JSON.stringify(
      buildCalcomWebhook("BOOKING_CREATED", { createdAt: new Date(), booking: bookingOf(seed) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const mutated = Buffer.from(base, "utf8");
          for (const [at, byte] of edits) mutated[at] = byte;
          const res = await fetch(`${service.url}${WEBHOOK_PATH}`, {
            method: "POST",
            body: mutated,
            headers: { "x-cal-signature-256": signCalcomBody(mutated, TEST_WEBHOOK_SECRET) },
          });
          expect(isHandled(res.status)).toBe(true);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 100 },
    );
  });

  it("deeply nested JSON is a 400 or ignored, not a stack overflow", async () => {
    const deep = `{"triggerEvent":"BOOKING_CREATED","createdAt":"2026-11-24T10:00:00Z","payload":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const res = await postSigned(service.url, deep);
    expect(res.status).toBe(400);
    const deepMetadata = `{"triggerEvent":"X_UNKNOWN","payload":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect([200, 400]).toContain((await postSigned(service.url, deepMetadata)).status);
    await stillServes();
  });

  it("NUL characters (which PostgreSQL text cannot hold) in any field are stored and applied, not a 500", async () => {
    const seed = await seedApplication(service.db.pool);
    const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: new Date(), booking: bookingOf(seed) });
    const payload = body.payload as Record<string, unknown>;
    payload.title = "Audition\u0000 title";
    payload.location = "https://cal.takeone.example/video/x\u0000";
    const created = await postSigned(service.url, body);
    expect(created).toMatchObject({ status: 200, body: { data: { outcome: "applied" } } });
    const odd = await postSigned(service.url, {
      triggerEvent: "SOMETHING\u0000NEW",
      createdAt: new Date().toISOString(),
      payload: { uid: "u\u0000" },
    });
    expect(odd).toMatchObject({ status: 200, body: { data: { outcome: "ignored" } } });
    const cancelled = buildCalcomWebhook("BOOKING_CANCELLED", {
      createdAt: new Date(Date.now() + 1000),
      booking: bookingOf(seed),
      reason: "no\u0000pe",
    });
    expect((await postSigned(service.url, cancelled)).status).toBe(200);
  });

  it("a time past year 9999 (which toISOString cannot write back) is refused with 400", async () => {
    const seed = await seedApplication(service.db.pool);
    const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: new Date(), booking: bookingOf(seed) });
    (body.payload as Record<string, unknown>).startTime = "9999-12-31T23:30:00-01:00";
    const res = await postSigned(service.url, body);
    expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
  });

  it("invalid UTF-8 that is signed is stored as invalid and answered 400", async () => {
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const res = await postRaw(service.url, body, {
      "x-cal-signature-256": signCalcomBody(body, TEST_WEBHOOK_SECRET),
    });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
  });

  it.each([
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
    "nonsense",
  ])("content type %s: the signature still decides", async (contentType) => {
    const body = JSON.stringify({ triggerEvent: "PING", createdAt: new Date().toISOString(), payload: {} });
    const signed = await postRaw(service.url, body, {
      "content-type": contentType,
      "x-cal-signature-256": signCalcomBody(body, TEST_WEBHOOK_SECRET),
    });
    const unsigned = await postRaw(service.url, body, { "content-type": contentType });
    expect([signed.status, unsigned.status]).toEqual([200, 401]);
  });

  it("huge headers are refused by the HTTP layer (431), and the bridge keeps serving", async () => {
    const res = await fetch(`${service.url}${WEBHOOK_PATH}`, {
      method: "POST",
      body: "{}",
      headers: { "x-junk": "a".repeat(64 * 1024) },
    });
    expect(res.status).toBe(431);
    await stillServes();
  });

  it("a slow-loris sender is cut off after HTTP_REQUEST_TIMEOUT_MS, and the bridge keeps serving", async () => {
    const { port } = new URL(service.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
    );
    const trickle = setInterval(() => socket.write(" "), 100);
    const answer = await new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.once("close", () => resolve(text));
    });
    clearInterval(trickle);
    // Node answers 408 Request Timeout and closes the connection.
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await stillServes();
  });
});
