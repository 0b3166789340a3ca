import { createHash } from "node:crypto";
import type { ObservationInput, Schedule } from "../bookings/observation.ts";
import type { CalcomBooking } from "../calcom/index.ts";
// The webhook path's own mapping of applications and meetings, reused so both sources agree.
import { claimedApplicationId, meetingOf, scheduleFrom } from "../webhooks/observe-calcom-webhook.ts";
import type { BookingPayload } from "../webhooks/parse-calcom-webhook.ts";

/**
 * The observations a Cal.com booking as API v2 lists it (calcom-facts §4.4) makes — the facts a
 * webhook would have carried, for the same fold (bookings/apply-observation.ts):
 *
 * - its state: `pending` → requested; a booking with `rescheduledFromUid` → rescheduled (that uid is
 *   the previous one); otherwise → created;
 * - then, for `cancelled` → cancelled, for `rejected` → rejected. The old half of a reschedule is
 *   cancelled with `rescheduledToUid` set: Cal.com sends no BOOKING_CANCELLED for it, and the new
 *   booking's "rescheduled" already replaces it, so it only contributes its state.
 *
 * Times order a chain, so they must not outrank facts the webhooks bring: the state is stamped at
 * `updatedAt` (when Cal.com last changed the booking — later than a BOOKING_REQUESTED it confirms),
 * but never after the meeting's end, where MEETING_ENDED ("completed") stands; an ending
 * (cancel/reject) at `updatedAt`, at least a millisecond after the state.
 * The dedupe key hashes everything the observation says: an unchanged booking synced again is a
 * duplicate; a changed one is a new fact.
 */
export function observeCalcomBooking(
  booking: CalcomBooking,
  options: { applicationField: string },
): ObservationInput[] {
  const applicationId = claimedApplicationId(
    booking.metadata,
    booking.bookingFieldsResponses,
    options.applicationField,
  );
  const createdAt = Date.parse(booking.createdAt);
  const updatedAt = booking.updatedAt ? Date.parse(booking.updatedAt) : createdAt;
  const stateAt = Math.max(createdAt, Math.min(updatedAt, Date.parse(booking.end)));
  const status = booking.status.toLowerCase();
  // Newer API versions also list "awaitingHost" (awaiting_host in the database, §7): not accepted yet.
  const isAwaitingHost = status === "pending" || status === "awaitinghost" || status === "awaiting_host";
  const isPending = isAwaitingHost || (status === "rejected" && !booking.rescheduledFromUid);

  const base = { source: "sync" as const, bookingUid: booking.uid, applicationId };
  const state: Omit<ObservationInput, "dedupeKey"> = {
    ...base,
    kind: booking.rescheduledFromUid ? "rescheduled" : isPending ? "requested" : "created",
    occurredAt: new Date(stateAt),
    previousUid: booking.rescheduledFromUid ?? null,
    data: {
      schedule: scheduleOf(booking),
      meeting: meetingOf(asPayload(booking)),
      calcomEventId: String(booking.id),
      isAwaitingHost: isPending,
    },
  };
  const observations = [state];
  const endedAt = new Date(Math.max(updatedAt, stateAt + 1));
  if (status === "cancelled" && !booking.rescheduledToUid) {
    observations.push({
      ...base,
      kind: "cancelled",
      occurredAt: endedAt,
      previousUid: null,
      data: { reason: booking.cancellationReason ?? null, actorEmail: booking.cancelledByEmail ?? null },
    });
  }
  if (status === "rejected") {
    // API v2's booking output has no rejection reason field (calcom-facts §4.4).
    observations.push({
      ...base,
      kind: "rejected",
      occurredAt: endedAt,
      previousUid: null,
      data: { reason: null },
    });
  }
  return observations.map((o) => ({ ...o, dedupeKey: dedupeKeyOf(o) }));
}

function dedupeKeyOf(o: Omit<ObservationInput, "dedupeKey">): string {
  const digest = createHash("sha256")
    .update(
      JSON.stringify([
        o.kind,
        o.bookingUid,
        o.previousUid,
        o.applicationId,
        o.occurredAt.toISOString(),
        o.data,
      ]),
    )
    .digest("hex");
  return `sync:${o.bookingUid}:${o.kind}:${digest.slice(0, 32)}`;
}

function scheduleOf(booking: CalcomBooking): Schedule {
  // As on the webhook path: the booker's zone (attendees[0]), else the host's.
  return scheduleFrom(new Date(booking.start), new Date(booking.end), [
    booking.attendees?.[0]?.timeZone,
    booking.hosts?.[0]?.timeZone,
  ]);
}

/** The fields meetingOf reads, from the API's booking: its location, meeting URL and answers. */
function asPayload(booking: CalcomBooking): BookingPayload {
  return {
    uid: booking.uid,
    startTime: new Date(booking.start),
    endTime: new Date(booking.end),
    location: booking.location ?? null,
    videoCallData: booking.meetingUrl ? { url: booking.meetingUrl } : null,
    metadata: booking.metadata ?? null,
    responses: booking.bookingFieldsResponses ?? null,
  };
}
