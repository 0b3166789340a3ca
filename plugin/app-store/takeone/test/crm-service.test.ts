import { setAppKeysForTests } from "@calcom/app-store/_utils/getAppKeysFromSlug";
import { loggedLines } from "@calcom/lib/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Queryable } from "../../../../bridge/src/db/queryable.ts";
import type { CalcomBookingSpec } from "../../../../bridge/src/webhooks/build-calcom-webhook.ts";
import {
  bookingOf,
  countRows,
  readBookingState,
  sendWebhook,
} from "../../../../bridge/test/calcom-webhooks.ts";
import { seedApplication } from "../../../../bridge/test/seed-application.ts";
import { startTestService, type TestService } from "../../../../bridge/test/start-test-service.ts";
import CrmService from "../lib/CrmService";
import { calendarEventOf, TAKEONE_CREDENTIAL } from "./calendar-events";

const APP_SECRET = "whsec_dGFrZW9uZS1jYWxjb20tYXBwLXRlc3Qtc2VjcmV0";
const T0 = new Date("2026-11-24T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ env: { CALCOM_APP_SECRET: APP_SECRET } });
  setAppKeysForTests("takeone", { bridgeUrl: service.url, signingSecret: APP_SECRET });
});
afterAll(async () => {
  await service?.stop();
});

/** A CrmService as Cal.com's getCrm builds it, on a clock the test sets (Cal.com's server clock). */
function crmAt(clock: { now: Date }) {
  return new CrmService(TAKEONE_CREDENTIAL, { enabled: true, credentialId: 11 }, () => clock.now);
}

async function countCrmObservations(db: Queryable, applicationId: string) {
  return countRows(db, "BookingObservation", `"applicationId" = $1 AND "source" = 'crm'`, [applicationId]);
}

async function countOutbox(db: Queryable, applicationId: string) {
  return countRows(db, "OutboxEvent", `"applicationId" = $1`, [applicationId]);
}

async function outboxTypes(db: Queryable, applicationId: string) {
  const { rows } = await db.query<{ type: string }>(
    `SELECT "type" FROM "OutboxEvent" WHERE "applicationId" = $1 ORDER BY "sequence"`,
    [applicationId],
  );
  return rows.map((row) => row.type);
}

describe("CrmService → the bridge over HTTP", () => {
  it("follows a booking through create → reschedule → cancel, as Cal.com's CrmManager calls it", async () => {
    const seed = await seedApplication(service.db.pool);
    const clock = { now: at(0) };
    const crm = crmAt(clock);
    const first = bookingOf(seed, { startTime: new Date("2026-12-01T07:00:00.000Z"), durationMinutes: 30 });
    const eventA = calendarEventOf(first);

    // CrmManager.createEvent: contacts first (one per attendee, so createEvent is always reached).
    const contacts = await crm.getContacts({ emails: eventA.attendees.map((a) => a.email) });
    expect(contacts).toEqual([{ id: seed.caster.email, email: seed.caster.email }]);
    const reference = await crm.createEvent(eventA, contacts);
    expect(reference).toEqual({ id: first.uid });
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: first.uid,
      calcomEventId: String(first.bookingId),
      scheduledAt: new Date("2026-12-01T07:00:00.000Z"),
      duration: 30,
      timezone: "Asia/Riyadh",
      meetingType: "video",
      meetingUrl: `https://cal.takeone.example/video/${first.uid}`,
    });

    // Reschedule: a new booking (new uid, new time); Cal.com passes the reference of the first.
    clock.now = at(60);
    const second = bookingOf(seed, { startTime: new Date("2026-12-02T09:00:00.000Z"), durationMinutes: 45 });
    expect(await crm.updateEvent(reference.id, calendarEventOf(second))).toEqual({ id: first.uid });
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: second.uid,
      scheduledAt: new Date("2026-12-02T09:00:00.000Z"),
      duration: 45,
      meetingUrl: `https://cal.takeone.example/video/${second.uid}`,
    });

    // Cancel: the same reference; the event is the current booking.
    clock.now = at(120);
    await crm.deleteEvent(
      reference.id,
      calendarEventOf(second, { cancellationReason: "Role has been cast" }),
    );
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "cancelled",
      calcomBookingUid: second.uid,
      cancellationReason: "Role has been cast",
      cancelledAt: at(120),
    });
    // One outbound event per change: created, rescheduled, cancelled.
    expect(await countOutbox(service.db.pool, seed.applicationId)).toBe(3);
  });

  it("keeps following the booking when Cal.com passes the first booking's reference after several reschedules", async () => {
    const seed = await seedApplication(service.db.pool);
    const clock = { now: at(0) };
    const crm = crmAt(clock);
    const [a, b, c] = [
      "2026-12-01T07:00:00.000Z",
      "2026-12-02T07:00:00.000Z",
      "2026-12-03T07:00:00.000Z",
    ].map((time) => bookingOf(seed, { startTime: new Date(time) })) as [
      CalcomBookingSpec,
      CalcomBookingSpec,
      CalcomBookingSpec,
    ];
    const reference = await crm.createEvent(calendarEventOf(a), []);
    clock.now = at(10);
    await crm.updateEvent(reference.id, calendarEventOf(b));
    // references are carried over to the new booking: the second reschedule still names A
    clock.now = at(20);
    await crm.updateEvent(reference.id, calendarEventOf(c));
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: c.uid,
      scheduledAt: c.startTime,
    });
    clock.now = at(30);
    await crm.deleteEvent(reference.id, calendarEventOf(c, { cancellationReason: "Closed" }));
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "cancelled",
      calcomBookingUid: c.uid,
      cancellationReason: "Closed",
    });
  });

  it("leaves a cancel to the webhook when an older Cal.com calls deleteEvent(uid) without the event", async () => {
    const seed = await seedApplication(service.db.pool);
    const crm = crmAt({ now: at(0) });
    const spec = bookingOf(seed);
    await crm.createEvent(calendarEventOf(spec), []);
    const before = loggedLines.length;
    await (crm.deleteEvent as (uid: string) => Promise<void>)(spec.uid);
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "scheduled",
    });
    expect(loggedLines.slice(before)).toMatchObject([{ level: "warn" }]);
  });

  it("reads the application id from the booking field the event type names", async () => {
    const seed = await seedApplication(service.db.pool);
    const spec = bookingOf(seed, { applicationField: "castingApplication" });
    const crm = new CrmService(
      TAKEONE_CREDENTIAL,
      { enabled: true, applicationIdField: "castingApplication" },
      () => at(0),
    );
    await crm.createEvent(calendarEventOf(spec), []);
    expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
      status: "scheduled",
      calcomBookingUid: spec.uid,
    });
  });

  it("changes nothing more for repeated calls, even made later (keyed by booking uid, not by time)", async () => {
    const seed = await seedApplication(service.db.pool);
    const clock = { now: at(0) };
    const crm = crmAt(clock);
    const first = bookingOf(seed);
    const second = bookingOf(seed, { startTime: new Date("2026-12-03T07:00:00.000Z") });
    const cancelled = calendarEventOf(second, { cancellationReason: "No longer needed" });

    await crm.createEvent(calendarEventOf(first), []);
    await crm.updateEvent(first.uid, calendarEventOf(second));
    await crm.deleteEvent(first.uid, cancelled);
    const once = await readBookingState(service.db.pool, seed.applicationId);
    const outboxOnce = await countOutbox(service.db.pool, seed.applicationId);

    clock.now = at(5);
    await crm.createEvent(calendarEventOf(first), []);
    await crm.updateEvent(first.uid, calendarEventOf(second));
    await crm.deleteEvent(first.uid, cancelled);
    await Promise.all([crm.createEvent(calendarEventOf(first), []), crm.deleteEvent(first.uid, cancelled)]);

    expect(await readBookingState(service.db.pool, seed.applicationId)).toEqual(once);
    expect(await countCrmObservations(service.db.pool, seed.applicationId)).toBe(3);
    expect(await countOutbox(service.db.pool, seed.applicationId)).toBe(outboxOnce);
  });

  it("fails loudly (Cal.com logs it) when the bridge refuses the signature, and changes nothing", async () => {
    const seed = await seedApplication(service.db.pool);
    setAppKeysForTests("takeone", {
      bridgeUrl: service.url,
      signingSecret: `whsec_${Buffer.from("a secret the bridge does not know").toString("base64")}`,
    });
    try {
      await expect(crmAt({ now: at(0) }).createEvent(calendarEventOf(bookingOf(seed)), [])).rejects.toThrow(
        /401/,
      );
    } finally {
      setAppKeysForTests("takeone", { bridgeUrl: service.url, signingSecret: APP_SECRET });
    }
    expect(await readBookingState(service.db.pool, seed.applicationId)).toBeNull();
  });
});

/**
 * A booking row comparable across applications: without the row's own ids, and with each run's
 * Cal.com uids and booking ids named by their place in the chain. Dates become ISO strings.
 */
function comparable(state: Record<string, unknown> | null, bookings: CalcomBookingSpec[]) {
  if (!state) return null;
  const { id: _id, talentUserId: _t, casterUserId: _c, castingCallId: _cc, ...rest } = state;
  let text = JSON.stringify(rest);
  bookings.forEach((booking, index) => {
    text = text
      .replaceAll(booking.uid, `uid-${index + 1}`)
      .replaceAll(`"${booking.bookingId}"`, `"id-${index + 1}"`);
  });
  return JSON.parse(text) as Record<string, unknown>;
}

type Arrival = "webhook first" | "crm first" | "together";

/**
 * One Cal.com change down both channels. Cal.com calls the CRM app inside EventManager, before it
 * sends the webhook (handleNewBooking), so the CRM call's time is a little earlier than the
 * webhook's createdAt; they arrive at the bridge in any order.
 */
async function both(arrival: Arrival, webhook: () => Promise<unknown>, crm: () => Promise<unknown>) {
  if (arrival === "webhook first") {
    await webhook();
    await crm();
  } else if (arrival === "crm first") {
    await crm();
    await webhook();
  } else {
    await Promise.all([webhook(), crm()]);
  }
}

describe("a webhook and a CRM call for the same booking converge on one row", () => {
  const ARRIVALS: Arrival[] = ["webhook first", "crm first", "together", "together", "together"];
  const CRM_LEAD_MS = 40;

  /** Runs create → reschedule → cancel for one application; returns the row after each step. */
  async function runChain(options: { arrival: Arrival | "webhook only" }) {
    const seed = await seedApplication(service.db.pool);
    const clock = { now: T0 };
    const crm = crmAt(clock);
    const first: CalcomBookingSpec = bookingOf(seed, { startTime: new Date("2026-12-01T07:00:00.000Z") });
    const second: CalcomBookingSpec = bookingOf(seed, { startTime: new Date("2026-12-02T09:00:00.000Z") });
    const send = (webhook: () => Promise<unknown>, crmCall: () => Promise<unknown>) =>
      options.arrival === "webhook only" ? webhook() : both(options.arrival, webhook, crmCall);
    const crmAtTime = (webhookAt: Date) => {
      clock.now = new Date(webhookAt.getTime() - CRM_LEAD_MS);
    };
    const rows: (Record<string, unknown> | null)[] = [];

    crmAtTime(at(0));
    await send(
      () => sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking: first }),
      () => crm.createEvent(calendarEventOf(first), []),
    );
    rows.push(comparable(await readBookingState(service.db.pool, seed.applicationId), [first, second]));

    crmAtTime(at(60));
    await send(
      () =>
        sendWebhook(service.url, "BOOKING_RESCHEDULED", {
          createdAt: at(60),
          booking: second,
          rescheduleUid: first.uid,
        }),
      () => crm.updateEvent(first.uid, calendarEventOf(second)),
    );
    rows.push(comparable(await readBookingState(service.db.pool, seed.applicationId), [first, second]));

    crmAtTime(at(120));
    await send(
      () =>
        sendWebhook(service.url, "BOOKING_CANCELLED", {
          createdAt: at(120),
          booking: { ...second, applicationId: null },
          reason: "Role has been cast",
          cancelledBy: seed.caster.email,
        }),
      () => crm.deleteEvent(first.uid, calendarEventOf(second, { cancellationReason: "Role has been cast" })),
    );
    rows.push(comparable(await readBookingState(service.db.pool, seed.applicationId), [first, second]));
    return { rows, outbox: await outboxTypes(service.db.pool, seed.applicationId) };
  }

  it("whatever the arrival order, and like the webhook alone for create and reschedule", async () => {
    const control = await runChain({ arrival: "webhook only" });
    const runs = [];
    for (const arrival of ARRIVALS) runs.push({ arrival, ...(await runChain({ arrival })) });

    for (const run of runs) {
      // Order independence: every arrival order ends in the same row, step by step.
      expect(run.rows, run.arrival).toEqual(runs[0]?.rows);
      // The same booking as the webhook alone gives, after create and after reschedule.
      expect(run.rows[0], run.arrival).toEqual(control.rows[0]);
      expect(run.rows[1], run.arrival).toEqual(control.rows[1]);
      // The same outbound events as the webhook alone: created, rescheduled, cancelled. When the
      // webhook's cancel is folded before the (earlier) CRM cancel arrives, the row's cancel details
      // change once more and TakeOne hears one `audition_booking.updated` — never in the other order.
      expect(run.outbox.slice(0, 3), run.arrival).toEqual(control.outbox);
      const extra = run.outbox.slice(3);
      if (run.arrival === "crm first") expect(extra).toEqual([]);
      else expect(extra.every((type) => type === "audition_booking.updated") && extra.length <= 1).toBe(true);
    }
    expect(control.outbox).toEqual([
      "audition_booking.created",
      "audition_booking.rescheduled",
      "audition_booking.cancelled",
    ]);
    // The cancel: same status and reason. The CRM call comes first in the chain and CalendarEvent
    // has no `cancelledBy`, so with both channels the first cancel (the CRM's) decides cancelledAt
    // and cancelledBy stays empty (docs/calcom-app.md, "What converges").
    const { cancelledAt: _a, cancelledBy: _b, ...cancelRest } = control.rows[2] ?? {};
    expect(runs[0]?.rows[2]).toEqual({
      ...cancelRest,
      cancelledBy: null,
      cancelledAt: new Date(at(120).getTime() - CRM_LEAD_MS).toISOString(),
    });
    expect(control.rows[2]).toMatchObject({
      status: "cancelled",
      cancellationReason: "Role has been cast",
      cancelledBy: expect.any(String),
      cancelledAt: at(120).toISOString(),
    });
  });
});
