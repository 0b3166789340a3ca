import { describe, expect, it } from "vitest";
import { foldBooking } from "./fold-booking.ts";
import type { Observation, ObservationData } from "./observation.ts";

const context = {
  talentEmail: "talent@example.com",
  userIdByEmail: new Map([["caster@example.com", "caster-1"]]),
};
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));
const schedule = (day: number) => ({
  scheduledAt: new Date(Date.UTC(2026, 11, day, 7)).toISOString(),
  durationMinutes: 30,
  timezone: "Asia/Riyadh",
});
const meeting = {
  meetingType: "video" as const,
  location: null,
  meetingUrl: "https://cal.example/v",
  meetingPassword: null,
};

let next = 0;
function fact(
  kind: Observation["kind"],
  minute: number,
  uid: string | null,
  data: ObservationData = {},
  extra: Partial<Observation> = {},
): Observation {
  next++;
  return {
    id: `o${next}`,
    dedupeKey: `k${next}`,
    source: "webhook",
    kind,
    occurredAt: at(minute),
    bookingUid: uid,
    previousUid: null,
    applicationId: "app-1",
    data,
    ...extra,
  };
}
const booked = (kind: "created" | "requested", minute: number, uid: string, day = 1) =>
  fact(kind, minute, uid, { schedule: schedule(day), meeting, calcomEventId: uid });

describe("foldBooking", () => {
  it("create → reschedule (new uid) → cancel gives the cancelled new booking, by when each happened", () => {
    const chain = [
      booked("created", 0, "U"),
      fact("rescheduled", 10, "V", { schedule: schedule(2), meeting }, { previousUid: "U" }),
      fact("cancelled", 20, "V", { reason: "clash", actorEmail: "CASTER@example.com" }),
    ];
    expect(foldBooking(chain, context)).toMatchObject({
      status: "cancelled",
      calcomBookingUid: "V",
      cancelledBy: "caster-1",
      cancellationReason: "clash",
      schedule: schedule(2),
    });
    expect(foldBooking([...chain].reverse(), context)).toEqual(foldBooking(chain, context));
  });

  it("a new booking revives a cancelled one, but never replaces an open audition", () => {
    const first = booked("created", 0, "U");
    const second = booked("created", 5, "W", 3);
    expect(foldBooking([first, second], context)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: "U",
    });
    const cancelled = fact("cancelled", 2, "U", { reason: "clash" });
    expect(foldBooking([first, cancelled, second], context)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: "W",
      cancelledAt: null,
    });
  });

  it("a late fact about the old half of a reschedule does not pull the booking back", () => {
    const chain = [
      booked("created", 0, "U"),
      fact("rescheduled", 10, "V", { schedule: schedule(2), meeting }, { previousUid: "U" }),
      // a sync reading Cal.com's old booking row, touched after the reschedule
      { ...booked("created", 30, "U"), source: "sync" as const },
    ];
    expect(foldBooking(chain, context)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: "V",
      schedule: schedule(2),
    });
  });

  it("a booking deleted through the API stays deleted when Cal.com's answer to the cancel is recorded", () => {
    const chain = [
      booked("created", 0, "U"),
      fact("deleted", 10, "U", {}, { source: "api" }),
      { ...booked("created", 11, "U"), source: "sync" as const },
      { ...fact("cancelled", 11, "U", { reason: "deleted in TakeOne" }), source: "sync" as const },
    ];
    expect(foldBooking(chain, context)).toBeNull();
  });

  it("marks the talent absent, and only the talent", () => {
    const chain = [booked("created", 0, "U")];
    expect(
      foldBooking(
        [...chain, fact("no_show", 40, "U", { attendees: [{ email: "other@example.com", noShow: true }] })],
        context,
      )?.status,
    ).toBe("scheduled");
    expect(
      foldBooking(
        [...chain, fact("no_show", 40, "U", { attendees: [{ email: "Talent@Example.com", noShow: true }] })],
        context,
      )?.status,
    ).toBe("no-show");
  });
});
