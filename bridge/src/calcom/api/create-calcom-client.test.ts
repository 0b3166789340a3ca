import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calcomBookingFixture, type FakeCalcom, startFakeCalcom } from "../../../test/fake-calcom-server.ts";
import { AppError } from "../../http/app-error.ts";
import { createCalcomClient } from "./create-calcom-client.ts";
import type { CalcomFailureDetails } from "./explain-calcom-error.ts";

describe("Cal.com API v2 client against a fake Cal.com", () => {
  let fake: FakeCalcom;
  let sleeps: number[];
  const client = (overrides: Partial<Parameters<typeof createCalcomClient>[0]> = {}) =>
    createCalcomClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startFakeCalcom();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    sleeps = [];
    fake.requests.length = 0;
    fake.state.isLicensed = true;
  });

  it("sends the API key as a Bearer token and each endpoint's cal-api-version", async () => {
    const api = client();
    expect((await api.getMe()).username).toBe("casting");
    const created = await api.createEventType({ title: "Audition", slug: "audition", lengthInMinutes: 15 });
    await api.listEventTypes("casting");
    await api.listWebhooks();
    fake.state.bookings = [calcomBookingFixture({ id: 1, uid: "uid-1" })];
    const page = await api.listBookings({ take: 10, skip: 0 });

    expect(created).toMatchObject({ id: expect.any(Number), slug: "audition", lengthInMinutes: 15 });
    expect(page).toMatchObject({ hasMore: false, bookings: [{ uid: "uid-1", status: "accepted" }] });
    const seen = fake.requests.map((r) => [
      r.method,
      r.path,
      r.headers["cal-api-version"],
      r.headers.authorization,
    ]);
    expect(seen).toEqual([
      ["GET", "/v2/me", undefined, `Bearer ${fake.apiKey}`],
      ["POST", "/v2/event-types", "2024-06-14", `Bearer ${fake.apiKey}`],
      ["GET", "/v2/event-types", "2024-06-14", `Bearer ${fake.apiKey}`],
      ["GET", "/v2/webhooks", undefined, `Bearer ${fake.apiKey}`],
      ["GET", "/v2/bookings", "2024-08-13", `Bearer ${fake.apiKey}`],
    ]);
  });

  it("explains the license refusal of an unlicensed self-hosted Cal.com, without retrying", async () => {
    fake.state.isLicensed = false;
    const error = await client()
      .getMe()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("CALCOM_AUTH_FAILED");
    expect(appError.message).toMatch(/no valid license/);
    expect(appError.message).toMatch(/CALCOM_LICENSE_KEY/);
    expect(appError.message).toMatch(/CALCOM_DATABASE_URL/);
    expect((appError.details as CalcomFailureDetails).authProblem).toBe("license");
    expect(fake.requests).toHaveLength(1);
  });

  it("says the key is wrong when Cal.com does not know it", async () => {
    const error = (await client({ apiKey: "cal_wrong" })
      .getMe()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_AUTH_FAILED");
    expect((error.details as CalcomFailureDetails).authProblem).toBe("invalid-key");
    expect(error.message).toMatch(/Settings → Developer → API keys/);
  });

  it("waits as long as Cal.com's rate-limit reset header says on a 429, then retries", async () => {
    fake.failNext(1, {
      status: 429,
      headers: { "x-ratelimit-limit-default": "120", "x-ratelimit-reset-default": "7" },
      body: {
        status: "error",
        timestamp: "x",
        path: "/v2/me",
        error: { code: "ThrottlerException", message: "Too many requests" },
      },
    });
    expect((await client().getMe()).id).toBe(3);
    expect(sleeps).toEqual([7000]);
    expect(fake.requests).toHaveLength(2);
  });

  it("retries a POST refused with 429 (the throttler runs before anything is done)", async () => {
    fake.failNext(1, { status: 429, headers: { "retry-after": "1" } });
    await client().createWebhook({
      subscriberUrl: "http://bridge/x",
      active: true,
      triggers: ["BOOKING_CREATED"],
    });
    expect(sleeps).toEqual([1000]);
    expect(fake.state.webhooks).toHaveLength(1);
  });

  it("retries 5xx on reads with growing backoff and gives up with a clear error", async () => {
    fake.failNext(4, { status: 503 });
    const error = (await client({ baseDelayMs: 100 })
      .getMe()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_UNAVAILABLE");
    expect(error.message).toMatch(/answered 503 for GET \/me after 4 attempts/);
    // equal jitter with random() = 0.5: 3/4 of 100, 200, 400
    expect(sleeps).toEqual([75, 150, 300]);
    expect((error.details as CalcomFailureDetails).isRetryable).toBe(true);
  });

  it("does not repeat a POST that failed with 5xx (it may have done its work)", async () => {
    fake.failNext(1, { status: 502 });
    const error = (await client()
      .createEventType({ title: "A", slug: "a", lengthInMinutes: 15 })
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_UNAVAILABLE");
    expect(fake.requests).toHaveLength(1);
  });

  it("times out a hung request and retries a read", async () => {
    fake.failNext(1, "hang");
    expect((await client({ timeoutMs: 300 }).getMe()).id).toBe(3);
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it("refuses an answer that is not in the documented shape, naming the field", async () => {
    fake.failNext(1, { status: 200, body: { status: "success", data: { username: "casting" } } });
    const error = (await client()
      .getMe()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_BAD_RESPONSE");
    expect(error.message).toMatch(/data\.id/);
  });

  it("points at CALCOM_API_URL when the route does not exist (a base URL without /v2)", async () => {
    const error = (await client({ baseUrl: fake.url.replace(/\/v2$/, "") })
      .getMe()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_NOT_FOUND");
    expect(error.message).toMatch(/CALCOM_API_URL .*ends in \/v2/);
  });

  it("reports an unreachable Cal.com after retrying connection failures", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = (await client({ baseUrl: `http://127.0.0.1:${port}/v2`, maxAttempts: 2 })
      .getMe()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_UNAVAILABLE");
    expect(error.message).toMatch(/could not be reached .*ECONNREFUSED.*2 attempts/);
  });

  it("pages bookings by the pagination block", async () => {
    fake.state.bookings = Array.from({ length: 5 }, (_, i) =>
      calcomBookingFixture({ id: i + 1, uid: `u${i}` }),
    );
    const first = await client().listBookings({ take: 3, skip: 0 });
    const second = await client().listBookings({ take: 3, skip: 3 });
    expect([first.bookings.length, first.hasMore, second.bookings.length, second.hasMore]).toEqual([
      3,
      true,
      2,
      false,
    ]);
  });

  it("cancels and reschedules a booking (the reschedule answers with the new uid), with the bookings API version", async () => {
    fake.state.bookings = [
      calcomBookingFixture({ id: 1, uid: "move-me" }),
      calcomBookingFixture({ id: 2, uid: "drop-me" }),
    ];
    const api = client();
    const moved = await api.rescheduleBooking("move-me", {
      start: new Date("2030-03-20T10:00:00Z"),
      rescheduledBy: "casting@takeone.example",
    });
    expect(moved).toMatchObject({
      rescheduledFromUid: "move-me",
      start: "2030-03-20T10:00:00.000Z",
      status: "accepted",
    });
    expect(moved.uid).not.toBe("move-me");
    const cancelled = await api.cancelBooking("drop-me", { cancellationReason: "Role has been cast" });
    expect(cancelled).toMatchObject({ status: "cancelled", cancellationReason: "Role has been cast" });
    const writes = fake.requests.filter((r) => r.method === "POST");
    expect(writes.map((r) => [r.path, r.headers["cal-api-version"], r.body])).toEqual([
      [
        "/v2/bookings/move-me/reschedule",
        "2024-08-13",
        { start: "2030-03-20T10:00:00.000Z", rescheduledBy: "casting@takeone.example" },
      ],
      ["/v2/bookings/drop-me/cancel", "2024-08-13", { cancellationReason: "Role has been cast" }],
    ]);
  });

  it("explains Cal.com's refusal to reschedule a cancelled booking", async () => {
    fake.state.bookings = [calcomBookingFixture({ id: 1, uid: "gone", status: "cancelled" })];
    const error = (await client()
      .rescheduleBooking("gone", { start: new Date("2030-03-20T10:00:00Z") })
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("CALCOM_REJECTED");
    expect(error.message).toMatch(
      /rejected POST \/bookings\/gone\/reschedule \(400\)\. Cal.com said: "Can't reschedule booking with status cancelled"/,
    );
  });
});
