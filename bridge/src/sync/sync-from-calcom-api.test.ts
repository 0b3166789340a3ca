import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calcomBookingFixture, type FakeCalcom, startFakeCalcom } from "../../test/fake-calcom-server.ts";
import { startTestService, TEST_WEBHOOK_SECRET, type TestService } from "../../test/start-test-service.ts";
import { createCalcomClient } from "../calcom/index.ts";
import { systemClock } from "../service/service-context.ts";
import { CALCOM_WEBHOOK_PATH, signCalcomBody } from "../webhooks/index.ts";
import { type SyncOptions, syncFromCalcomApi } from "./sync-from-calcom-api.ts";

/**
 * Bookings that Cal.com has but whose webhooks never arrived, repaired from API v2; and a sync
 * racing a webhook about the same booking. The bridge is the real service on a database of its
 * own; Cal.com is the fake, answering in the documented shapes (calcom-facts §4.4).
 */
describe("sync from Cal.com API v2", () => {
  let fake: FakeCalcom;
  let service: TestService;
  const sync = (more: Partial<SyncOptions> = {}) =>
    syncFromCalcomApi({
      pool: service.db.pool,
      client: createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey }),
      clock: systemClock,
      slug: "audition",
      applicationField: "applicationId",
      since: new Date("2030-01-01T00:00:00Z"),
      isDryRun: false,
      ...more,
    });
  const bookingOf = async (applicationId: string) =>
    (
      await service.db.pool.query(
        `SELECT status, "calcomBookingUid", "scheduledAt", duration, "cancellationReason", "calcomEventId", timezone
           FROM "AuditionBooking" WHERE "applicationId" = $1`,
        [applicationId],
      )
    ).rows;
  const outboxOf = async (applicationId: string) =>
    (
      await service.db.pool.query(
        `SELECT type FROM "OutboxEvent" WHERE "applicationId" = $1 ORDER BY "createdAt"`,
        [applicationId],
      )
    ).rows.map((r) => r.type);

  beforeAll(async () => {
    [fake, service] = await Promise.all([startFakeCalcom(), startTestService()]);
    const apps = [
      "created",
      "cancelled",
      "rescheduled",
      "race",
      "race-cancel",
      "dry",
      "rejected",
      "late",
      "bare",
    ];
    await service.db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-caster','casting@takeone.example','Casting Team','caster'),
         ('u-talent','jane@example.com','Jane Actor','talent')`,
    );
    await service.db.pool.query(
      `INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc-1','Lead role','u-caster')`,
    );
    for (const app of apps) {
      await service.db.pool.query(
        `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ($1,'cc-1','u-talent')`,
        [`app-${app}`],
      );
    }
    fake.state.eventTypes = [
      { id: 100, title: "Audition", slug: "audition", lengthInMinutes: 15, bookingFields: [] },
    ];
  });
  afterAll(async () => {
    await Promise.all([fake.close(), service.stop()]);
  });
  beforeEach(() => {
    fake.state.bookings = [];
  });

  it("creates, cancels and reschedules bookings whose webhooks were missed, then a second sync changes nothing", async () => {
    fake.state.bookings = [
      calcomBookingFixture({ id: 1, uid: "c-1", metadata: { applicationId: "app-created" } }),
      calcomBookingFixture({
        id: 2,
        uid: "x-1",
        status: "cancelled",
        cancellationReason: "Role has been cast",
        cancelledByEmail: "casting@takeone.example",
        updatedAt: "2030-03-02T08:00:00.000Z",
        // The application id only as the booking field's answer (bookingFieldsResponses, §4.4).
        bookingFieldsResponses: {
          name: "Jane Actor",
          email: "jane@example.com",
          applicationId: "app-cancelled",
        },
      }),
      calcomBookingFixture({
        id: 3,
        uid: "r-old",
        status: "cancelled",
        rescheduledToUid: "r-new",
        updatedAt: "2030-03-03T09:00:00.000Z",
        metadata: { applicationId: "app-rescheduled" },
      }),
      calcomBookingFixture({
        id: 4,
        uid: "r-new",
        rescheduledFromUid: "r-old",
        start: "2030-03-20T11:00:00.000Z",
        end: "2030-03-20T11:30:00.000Z",
        createdAt: "2030-03-03T09:00:00.000Z",
        updatedAt: "2030-03-03T09:00:00.000Z",
        metadata: { applicationId: "app-rescheduled" },
      }),
      // not made through TakeOne: no application id
      calcomBookingFixture({ id: 5, uid: "other" }),
    ];

    const report = await sync();
    expect(report).toMatchObject({ bookingsRead: 5, bookingsSkipped: 1, isDryRun: false });
    expect(await bookingOf("app-created")).toEqual([
      expect.objectContaining({
        status: "scheduled",
        calcomBookingUid: "c-1",
        calcomEventId: "1",
        duration: 15,
        timezone: "Europe/London",
      }),
    ]);
    expect(await bookingOf("app-cancelled")).toEqual([
      expect.objectContaining({
        status: "cancelled",
        calcomBookingUid: "x-1",
        cancellationReason: "Role has been cast",
      }),
    ]);
    const [rescheduled] = await bookingOf("app-rescheduled");
    expect(rescheduled).toMatchObject({ status: "scheduled", calcomBookingUid: "r-new", duration: 30 });
    expect(rescheduled.scheduledAt.toISOString()).toBe("2030-03-20T11:00:00.000Z");
    expect(await outboxOf("app-created")).toEqual(["audition_booking.created"]);
    expect(report.changes.map((c) => c.bookingUid)).toEqual(expect.arrayContaining(["c-1", "x-1", "r-new"]));

    // The requests named the event type and the bookings API version.
    const listed = fake.requests.filter((r) => r.path === "/v2/bookings");
    expect(listed[0]?.query.get("eventTypeId")).toBe("100");
    expect(listed[0]?.headers["cal-api-version"]).toBe("2024-08-13");

    const again = await sync();
    expect(again.changes).toEqual([]);
    expect(again.observations.applied).toBe(0);
    expect(again.observations.duplicate).toBeGreaterThan(0);
    expect(await outboxOf("app-created")).toEqual(["audition_booking.created"]);
  });

  it("links a reschedule whose new booking names no application, through the uid it replaces", async () => {
    fake.state.bookings = [
      calcomBookingFixture({
        id: 11,
        uid: "b-old",
        status: "cancelled",
        rescheduledToUid: "b-new",
        metadata: { applicationId: "app-bare" },
      }),
      calcomBookingFixture({
        id: 12,
        uid: "b-new",
        rescheduledFromUid: "b-old",
        start: "2030-03-22T08:00:00.000Z",
        end: "2030-03-22T08:15:00.000Z",
        createdAt: "2030-03-04T09:00:00.000Z",
        updatedAt: "2030-03-04T09:00:00.000Z",
        metadata: {},
      }),
    ];
    const report = await sync();
    expect(report.bookingsSkipped).toBe(0);
    expect(await bookingOf("app-bare")).toEqual([
      expect.objectContaining({ status: "scheduled", calcomBookingUid: "b-new" }),
    ]);
  });

  it("marks a booking the host rejected", async () => {
    fake.state.bookings = [
      calcomBookingFixture({
        id: 6,
        uid: "rej-1",
        status: "rejected",
        updatedAt: "2030-03-02T00:00:00.000Z",
        metadata: { applicationId: "app-rejected" },
      }),
    ];
    await sync();
    expect(await bookingOf("app-rejected")).toEqual([
      expect.objectContaining({ status: "rejected", calcomBookingUid: "rej-1" }),
    ]);
  });

  it("with --dry-run reports the changes and keeps none", async () => {
    fake.state.bookings = [
      calcomBookingFixture({ id: 7, uid: "dry-1", metadata: { applicationId: "app-dry" } }),
    ];
    const report = await sync({ isDryRun: true });
    expect(report.changes).toEqual([
      { bookingUid: "dry-1", applicationId: "app-dry", eventType: "audition_booking.created" },
    ]);
    expect(await bookingOf("app-dry")).toEqual([]);
    expect(await outboxOf("app-dry")).toEqual([]);
  });

  it("converges with a webhook about the same booking arriving at the same time", async () => {
    const booking = calcomBookingFixture({ id: 8, uid: "race-1", metadata: { applicationId: "app-race" } });
    fake.state.bookings = [booking];
    const [answer] = await Promise.all([
      postWebhook("BOOKING_CREATED", booking, "2030-03-01T10:00:00.200Z"),
      sync(),
    ]);
    expect(answer).toBe(200);
    expect(await bookingOf("app-race")).toEqual([
      expect.objectContaining({ status: "scheduled", calcomBookingUid: "race-1" }),
    ]);
    expect(await outboxOf("app-race")).toEqual(["audition_booking.created"]);
  });

  it("converges when the webhook cancels while the sync still sees the booking accepted", async () => {
    const booking = calcomBookingFixture({
      id: 9,
      uid: "race-2",
      metadata: { applicationId: "app-race-cancel" },
    });
    fake.state.bookings = [booking];
    await postWebhook("BOOKING_CREATED", booking, "2030-03-01T10:00:00.200Z");
    const [answer] = await Promise.all([
      postWebhook("BOOKING_CANCELLED", { ...booking, status: "cancelled" }, "2030-03-05T10:00:00.000Z"),
      sync(),
    ]);
    expect(answer).toBe(200);
    expect(await bookingOf("app-race-cancel")).toEqual([expect.objectContaining({ status: "cancelled" })]);
    // and a later sync that sees it cancelled agrees
    fake.state.bookings = [{ ...booking, status: "cancelled", updatedAt: "2030-03-05T10:00:00.000Z" }];
    await sync();
    expect(await bookingOf("app-race-cancel")).toEqual([expect.objectContaining({ status: "cancelled" })]);
  });

  it("is not undone by a late webhook older than what the sync saw", async () => {
    const booking = calcomBookingFixture({
      id: 10,
      uid: "late-1",
      status: "cancelled",
      cancellationReason: "Role has been cast",
      updatedAt: "2030-03-05T10:00:00.000Z",
      metadata: { applicationId: "app-late" },
    });
    fake.state.bookings = [booking];
    await sync();
    // BOOKING_CREATED, delayed in flight, sent long before the cancellation
    expect(
      await postWebhook("BOOKING_CREATED", { ...booking, status: "accepted" }, "2030-03-01T10:00:00.200Z"),
    ).toBe(200);
    expect(await bookingOf("app-late")).toEqual([
      expect.objectContaining({ status: "cancelled", calcomBookingUid: "late-1" }),
    ]);
  });

  /** The webhook Cal.com would have sent for an API booking (calcom-facts Appendix A.1/A.3 shape). */
  async function postWebhook(
    triggerEvent: string,
    booking: Record<string, unknown>,
    createdAt: string,
  ): Promise<number> {
    const body = JSON.stringify({
      triggerEvent,
      createdAt,
      payload: {
        uid: booking.uid,
        bookingId: booking.id,
        eventTypeId: 100,
        startTime: booking.start,
        endTime: booking.end,
        status: String(booking.status).toUpperCase(),
        location: booking.location,
        organizer: { name: "Casting Team", email: "casting@takeone.example", timeZone: "Europe/Berlin" },
        attendees: [{ name: "Jane Actor", email: "jane@example.com", timeZone: "Europe/London" }],
        metadata: booking.metadata,
        responses: { name: { label: "your_name", value: "Jane Actor" } },
      },
    });
    const response = await fetch(`${service.url}${CALCOM_WEBHOOK_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-cal-signature-256": signCalcomBody(body, TEST_WEBHOOK_SECRET),
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }
});
