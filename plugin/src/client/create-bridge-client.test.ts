// @vitest-environment node
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBooking } from "../../test/booking-fixtures.ts";
import { type FakeBridge, startFakeBridge } from "../../test/start-fake-bridge.ts";
import { createBridgeClient } from "./create-bridge-client.ts";
import { findBookingByCalcomUid } from "./find-booking-by-calcom-uid.ts";

let bridge: FakeBridge;
beforeAll(async () => {
  bridge = await startFakeBridge({
    now: () => new Date("2026-11-25T00:00:00Z"),
    bookings: [
      makeBooking({ id: "bk_1", calcomBookingUid: "uid_1" }),
      makeBooking({
        id: "bk_2",
        calcomBookingUid: "uid_2",
        scheduledAt: "2026-11-01T08:00:00.000Z",
        status: "completed",
      }),
    ],
  });
});
afterAll(() => bridge.close());

const client = (token: string | null = "dev-token", locale?: string) =>
  createBridgeClient({ baseUrl: `${bridge.url}/`, getToken: () => token, ...(locale ? { locale } : {}) });

describe("createBridgeClient", () => {
  it("lists bookings with the query the bridge's schema reads, the token and Accept-Language", async () => {
    const result = await client("dev-token", "ar").listBookings({
      status: ["scheduled", "confirmed"],
      upcoming: "true",
      limit: 20,
    });
    expect(result).toEqual({
      ok: true,
      value: { bookings: [bridge.bookings.get("bk_1")], nextCursor: null },
    });
    const request = bridge.requests.at(-1);
    expect(request?.url).toBe("/api/v1/bookings?status=scheduled&status=confirmed&upcoming=true&limit=20");
    expect(request?.headers.authorization).toBe("Bearer dev-token");
    expect(request?.headers["accept-language"]).toBe("ar");
  });

  it("gets one booking and cancels it with a reason through PATCH", async () => {
    const got = await client().getBooking("bk_1");
    expect(got.ok && got.value.id).toBe("bk_1");
    const cancelled = await client().cancelBooking("bk_1", "Caster unavailable");
    expect(cancelled.ok && cancelled.value.status).toBe("cancelled");
    expect(cancelled.ok && cancelled.value.cancellationReason).toBe("Caster unavailable");
    expect(bridge.requests.at(-1)?.method).toBe("PATCH");
  });

  it("returns the bridge's error code as a value", async () => {
    expect(await client("wrong").getBooking("bk_1")).toEqual({
      ok: false,
      error: { code: "UNAUTHENTICATED", message: "bad token", status: 401 },
    });
    const missing = await client().getBooking("nope");
    expect(!missing.ok && missing.error.code).toBe("NOT_FOUND");
  });

  it("finds a booking by its Cal.com uid (what BookAudition's confirmBooking asks)", async () => {
    const fresh = makeBooking({
      id: "bk_3",
      calcomBookingUid: "uid_3",
      scheduledAt: "2026-12-05T10:00:00.000Z",
    });
    bridge.bookings.set(fresh.id, fresh);
    expect(await findBookingByCalcomUid(client(), "uid_3")).toEqual({ ok: true, value: fresh });
    expect(await findBookingByCalcomUid(client(), "uid_unknown")).toEqual({ ok: true, value: null });
  });

  it("says NETWORK_ERROR when nothing answers", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await createBridgeClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getToken: () => "t",
    }).listBookings();
    expect(!result.ok && result.error.code).toBe("NETWORK_ERROR");
    expect(!result.ok && result.error.status).toBeNull();
  });

  it("says INVALID_RESPONSE when a 200 answer breaks the contract", async () => {
    const odd = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: true, data: [{ id: 1 }], page: { nextCursor: null } }));
    });
    await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
    const { port } = odd.address() as AddressInfo;
    try {
      const result = await createBridgeClient({
        baseUrl: `http://127.0.0.1:${port}`,
        getToken: () => "t",
      }).listBookings();
      expect(!result.ok && result.error.code).toBe("INVALID_RESPONSE");
    } finally {
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }
  });
});
