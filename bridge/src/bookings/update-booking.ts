import type pg from "pg";
import type { AuthenticatedUser } from "../auth/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { recordOutboxEvent } from "../events/record-outbox-event.ts";
import { AppError } from "../http/app-error.ts";
import type { Clock } from "../service/service-context.ts";
import { applyObservation } from "./apply-observation.ts";
import { isBookingCaster, isBookingTalent } from "./booking-access.ts";
import { readObservationByKey, writeBookingNotes } from "./booking-row-extras.ts";
import type { Booking } from "./booking-schema.ts";
import type { UpdateBookingBody } from "./bookings-schemas.ts";
import { apiDedupeKey, bookingNotFound, lockVisibleBooking } from "./lock-visible-booking.ts";
import type { ObservationData, ObservationKind } from "./observation.ts";
import { orderApiObservation } from "./order-api-observation.ts";
import { readBookingView } from "./read-booking-view.ts";
import { recordCalcomPropagation } from "./record-calcom-propagation.ts";

/** Statuses in which a booking can still be moved, edited, cancelled. */
const OPEN = new Set(["pending", "scheduled", "confirmed"]);

type Change = "cancel" | "confirm" | "reschedule" | "meeting" | "notes";

/**
 * PATCH /api/v1/bookings/:id. One change of state per request — cancel, confirm, or reschedule
 * and/or new meeting details — plus notes, each allowed to one party:
 *
 * | change | who | from status |
 * | --- | --- | --- |
 * | cancel (status "cancelled", cancellationReason) | talent, caster, admin | pending, scheduled, confirmed |
 * | confirm (status "confirmed") | the talent | scheduled |
 * | reschedule (scheduledAt, duration, timezone) | caster, admin | pending, scheduled, confirmed |
 * | meeting (meetingType, location, meetingUrl, meetingPassword) | caster, admin | same |
 * | casterNotes / talentNotes | the caster / the talent | any |
 *
 * Others: 403 FORBIDDEN (a party of the booking) or 404 (anyone else); a status that does not allow
 * it: 409 INVALID_TRANSITION; a new time in the past: 422 SCHEDULED_IN_PAST.
 *
 * State changes are observations folded like Cal.com's (kinds cancelled, confirmed, rescheduled,
 * location_changed); a reschedule sets the talent's confirmation back to "scheduled" and resets the
 * reminders (fold-booking.ts, write-booking-row.ts). A cancel or a new time of a booking linked to
 * Cal.com is also recorded in CalcomPropagation, in the same transaction, for a job to carry to Cal.com.
 */
export async function updateBooking(
  deps: { pool: pg.Pool; clock: Clock },
  args: {
    user: AuthenticatedUser;
    bookingId: string;
    body: UpdateBookingBody;
    idempotencyKey?: string | undefined;
  },
): Promise<Booking> {
  const { user, body } = args;
  const changes = changesOf(body);
  const stateChanges = changes.filter((c) => c === "cancel" || c === "confirm" || c === "reschedule");
  if (
    stateChanges.length > 1 ||
    (changes.includes("meeting") && (changes.includes("cancel") || changes.includes("confirm")))
  ) {
    throw new AppError(
      "UNPROCESSABLE",
      "Send one of: a cancel, a confirmation, or a new time / meeting details.",
    );
  }
  if (body.cancellationReason !== undefined && body.status !== "cancelled") {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", {
      details: [{ path: "cancellationReason", message: 'only with status "cancelled"' }],
    });
  }
  const now = deps.clock.now();
  const dedupeKey = apiDedupeKey(user.id, args.idempotencyKey);

  return withTransaction(deps.pool, async (db) => {
    const { booking, row } = await lockVisibleBooking(db, { bookingId: args.bookingId, user });
    const earlier = await readObservationByKey(db, dedupeKey);
    if (earlier) {
      if (earlier.applicationId !== booking.applicationId) {
        throw new AppError("CONFLICT", "This Idempotency-Key was used for another request.");
      }
      return booking; // the same request again: it is done already
    }

    const isAdmin = user.role === "admin";
    const isCaster = isBookingCaster(user, booking);
    const isTalent = isBookingTalent(user, booking);
    if (changes.includes("confirm") && !isTalent) forbid("Only the talent confirms an audition.");
    if ((changes.includes("reschedule") || changes.includes("meeting")) && !isCaster && !isAdmin) {
      forbid("Only the caster changes the time or the meeting details.");
    }
    if (body.casterNotes !== undefined && !isCaster) forbid("Only the caster writes casterNotes.");
    if (body.talentNotes !== undefined && !isTalent) forbid("Only the talent writes talentNotes.");

    if (changes.includes("confirm") && booking.status !== "scheduled") {
      throw invalidTransition(`A ${booking.status} booking cannot be confirmed.`, booking);
    }
    const verb = changes.includes("cancel") ? "cancelled" : "changed";
    if (
      (changes.includes("cancel") || changes.includes("reschedule") || changes.includes("meeting")) &&
      !OPEN.has(booking.status)
    ) {
      throw invalidTransition(`A ${booking.status} booking cannot be ${verb}.`, booking);
    }
    if (body.scheduledAt !== undefined && new Date(body.scheduledAt).getTime() <= now.getTime()) {
      throw new AppError("SCHEDULED_IN_PAST", "scheduledAt must be in the future.", {
        details: [{ path: "scheduledAt", message: "must be in the future" }],
      });
    }

    // Notes first, so the outbound event of a state change below carries them.
    await writeBookingNotes(db, {
      bookingId: booking.id,
      casterNotes: body.casterNotes,
      talentNotes: body.talentNotes,
      now,
    });

    const observed = observationOf(body, changes, booking, user);
    let isEventRecorded = false;
    if (observed) {
      const applied = await applyObservation(
        db,
        {
          dedupeKey,
          source: "api",
          kind: observed.kind,
          occurredAt: await orderApiObservation(db, booking.applicationId, now),
          // an API change names the Cal.com booking it saw (fold-booking.ts: only the current uid changes)
          bookingUid: row.calcomBookingUid,
          previousUid: null,
          applicationId: booking.applicationId,
          data: observed.data,
        },
        now,
      );
      if (applied.outcome === "applied") isEventRecorded = true;
      else if (observed.kind === "cancelled" || observed.kind === "confirmed") {
        // Checked above under the locks: the fold refusing means it disagrees with this file.
        throw new Error(`booking ${booking.id}: the fold answered ${applied.outcome} to ${observed.kind}`);
      }
      if (applied.outcome === "applied" && row.calcomBookingUid) {
        await propagateToCalcom(db, {
          booking,
          calcomBookingUid: row.calcomBookingUid,
          kind: observed.kind,
          data: observed.data,
          user,
        });
      }
    }

    const after = await readBookingView(db, booking.id);
    if (!after) throw bookingNotFound(booking.id);
    if (!isEventRecorded && changes.includes("notes")) {
      await recordOutboxEvent(db, { type: "audition_booking.updated", booking: after, occurredAt: now });
    }
    return after;
  });
}

function changesOf(body: UpdateBookingBody): Change[] {
  const changes: Change[] = [];
  if (body.status === "cancelled") changes.push("cancel");
  if (body.status === "confirmed") changes.push("confirm");
  if (body.scheduledAt !== undefined || body.duration !== undefined || body.timezone !== undefined) {
    changes.push("reschedule");
  }
  if (
    body.meetingType !== undefined ||
    body.location !== undefined ||
    body.meetingUrl !== undefined ||
    body.meetingPassword !== undefined
  ) {
    changes.push("meeting");
  }
  if (body.casterNotes !== undefined || body.talentNotes !== undefined) changes.push("notes");
  return changes;
}

function observationOf(
  body: UpdateBookingBody,
  changes: Change[],
  booking: Booking,
  user: AuthenticatedUser,
): { kind: ObservationKind; data: ObservationData } | null {
  const meeting = {
    meetingType: body.meetingType ?? booking.meetingType,
    location: body.location === undefined ? booking.location : body.location,
    meetingUrl: body.meetingUrl === undefined ? booking.meetingUrl : body.meetingUrl,
    meetingPassword: body.meetingPassword === undefined ? booking.meetingPassword : body.meetingPassword,
  };
  if (changes.includes("cancel")) {
    return { kind: "cancelled", data: { reason: body.cancellationReason ?? null, actorUserId: user.id } };
  }
  if (changes.includes("confirm")) return { kind: "confirmed", data: { actorUserId: user.id } };
  if (changes.includes("reschedule")) {
    return {
      kind: "rescheduled",
      data: {
        schedule: {
          scheduledAt: new Date(body.scheduledAt ?? booking.scheduledAt).toISOString(),
          durationMinutes: body.duration ?? booking.duration,
          timezone: body.timezone ?? booking.timezone,
        },
        meeting,
        actorUserId: user.id,
      },
    };
  }
  if (changes.includes("meeting"))
    return { kind: "location_changed", data: { meeting, actorUserId: user.id } };
  return null;
}

async function propagateToCalcom(
  db: pg.PoolClient,
  args: {
    booking: Booking;
    calcomBookingUid: string;
    kind: ObservationKind;
    data: ObservationData;
    user: AuthenticatedUser;
  },
): Promise<void> {
  if (args.kind === "cancelled") {
    await recordCalcomPropagation(db, {
      bookingId: args.booking.id,
      calcomBookingUid: args.calcomBookingUid,
      action: "cancel",
      data: { reason: args.data.reason ?? null, byUserId: args.user.id },
    });
  }
  const schedule = args.data.schedule;
  if (args.kind === "rescheduled" && schedule) {
    await recordCalcomPropagation(db, {
      bookingId: args.booking.id,
      calcomBookingUid: args.calcomBookingUid,
      action: "reschedule",
      data: {
        start: schedule.scheduledAt,
        durationMinutes: schedule.durationMinutes,
        timeZone: schedule.timezone,
        byUserId: args.user.id,
      },
    });
  }
}

function forbid(message: string): never {
  throw new AppError("FORBIDDEN", message);
}

function invalidTransition(message: string, booking: Booking): AppError {
  return new AppError("INVALID_TRANSITION", message, { details: { status: booking.status } });
}
