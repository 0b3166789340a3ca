import { describe, expect, it } from "vitest";
import { calcomBookingFixture } from "../../test/fake-calcom-server.ts";
import { calcomBookingSchema } from "../calcom/index.ts";
import { observeCalcomBooking } from "./observe-calcom-booking.ts";

const observe = (overrides: Record<string, unknown>) =>
  observeCalcomBooking(calcomBookingSchema.parse(calcomBookingFixture({ id: 7, uid: "u-7", ...overrides })), {
    applicationField: "applicationId",
  });
const kinds = (overrides: Record<string, unknown>) =>
  observe(overrides).map((o) => [o.kind, o.occurredAt.toISOString()]);

describe("observeCalcomBooking: an API v2 booking as the facts a webhook would have carried", () => {
  const times = { createdAt: "2030-03-01T10:00:00.000Z", updatedAt: "2030-03-02T10:00:00.000Z" };

  it("maps each status to its facts, the state at updatedAt and an ending after it", () => {
    expect(kinds({ ...times, status: "accepted" })).toEqual([["created", times.updatedAt]]);
    expect(kinds({ ...times, status: "pending" })).toEqual([["requested", times.updatedAt]]);
    expect(kinds({ ...times, status: "awaitingHost" })).toEqual([["requested", times.updatedAt]]);
    expect(kinds({ ...times, status: "cancelled" })).toEqual([
      ["created", times.updatedAt],
      ["cancelled", "2030-03-02T10:00:00.001Z"],
    ]);
    expect(kinds({ ...times, status: "rejected" })).toEqual([
      ["requested", times.updatedAt],
      ["rejected", "2030-03-02T10:00:00.001Z"],
    ]);
  });

  it("treats a reschedule's new booking as rescheduled and its cancelled old half as state only", () => {
    const [moved] = observe({ ...times, rescheduledFromUid: "u-old" });
    expect(moved).toMatchObject({ kind: "rescheduled", bookingUid: "u-7", previousUid: "u-old" });
    expect(kinds({ ...times, status: "cancelled", rescheduledToUid: "u-new" })).toEqual([
      ["created", times.updatedAt],
    ]);
  });

  it("never stamps the state after the meeting's end (MEETING_ENDED stands there)", () => {
    const [state] = observe({
      start: "2030-03-01T12:00:00.000Z",
      end: "2030-03-01T12:30:00.000Z",
      createdAt: times.createdAt,
      updatedAt: "2030-03-09T00:00:00.000Z",
    });
    expect(state?.occurredAt.toISOString()).toBe("2030-03-01T12:30:00.000Z");
  });

  it("reads the application from metadata, else the booking field, and carries schedule and meeting", () => {
    expect(observe({ metadata: { applicationId: "app-m" } })[0]?.applicationId).toBe("app-m");
    expect(observe({ bookingFieldsResponses: { applicationId: "app-f" } })[0]?.applicationId).toBe("app-f");
    expect(observe({})[0]?.applicationId).toBeNull();
    expect(observe({})[0]?.data).toMatchObject({
      schedule: { scheduledAt: "2030-03-14T09:30:00.000Z", durationMinutes: 15, timezone: "Europe/London" },
      meeting: { meetingType: "video", meetingUrl: "https://cal.takeone.example/video/abc" },
      calcomEventId: "7",
      isAwaitingHost: false,
    });
  });

  it("gives an unchanged booking the same dedupe key and a changed one another", () => {
    const [a] = observe(times);
    const [b] = observe(times);
    const [c] = observe({ ...times, location: "Studio 4" });
    expect(a?.dedupeKey).toBe(b?.dedupeKey);
    expect(a?.dedupeKey).not.toBe(c?.dedupeKey);
    expect(a?.dedupeKey).toMatch(/^sync:u-7:created:/);
  });
});
