import type { BookingStatus } from "./booking-schema.ts";
import type { Meeting, Observation, ObservationKind, Schedule } from "./observation.ts";

/**
 * The part of an AuditionBooking row that its chain of observations decides. Notes, reminder flags
 * and ids are not in it: they belong to the row, not to Cal.com.
 */
export interface FoldedBooking {
  status: BookingStatus;
  calcomBookingUid: string | null;
  calcomEventId: string | null;
  schedule: Schedule;
  meeting: Meeting;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
}

export interface FoldContext {
  /** the application's talent, to read BOOKING_NO_SHOW_UPDATED marks */
  talentEmail: string;
  /** TakeOne user ids by lower-cased e-mail, to record who cancelled as a user id where known */
  userIdByEmail: ReadonlyMap<string, string>;
}

/**
 * Rank of kinds that happen at the same instant: a booking exists before it changes, and a cancel
 * is the last word. Only ties need it; Cal.com's createdAt has millisecond precision.
 */
const KIND_ORDER: Record<ObservationKind, number> = {
  requested: 0,
  created: 1,
  rescheduled: 2,
  location_changed: 3,
  confirmed: 4,
  no_show: 5,
  completed: 6,
  rejected: 7,
  cancelled: 8,
  deleted: 9,
};

/**
 * The chain's order: when it happened, then the kind, then the dedupe key (a content hash or a
 * unique id). It depends only on the observations themselves, never on when they arrived, so any
 * arrival order — and any number of duplicates, which share a key and are stored once — gives
 * the same fold.
 */
export function compareObservations(a: Observation, b: Observation): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0)
  );
}

type BaseStatus = Exclude<BookingStatus, "no-show">;

interface FoldState {
  base: BaseStatus;
  isTalentAbsent: boolean;
  uid: string | null;
  calcomEventId: string | null;
  schedule: Schedule;
  meeting: Meeting;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
}

/**
 * The booking an application's chain describes, or null when there is none (nothing booked yet, or
 * deleted). A pure function of the set of observations.
 *
 * Rules, applied in chain order:
 * - requested / created of a different Cal.com booking than the current one start the booking
 *   afresh only when there is none, or it was cancelled or rejected: a new booking for an
 *   application whose booking was cancelled revives it, but a second Cal.com booking never
 *   replaces an open audition (it stays stale, to be cancelled in Cal.com).
 * - rescheduled with a new uid always takes over (Cal.com moved the booking), whatever arrived
 *   before it: a reschedule that arrives before its create still lands on the new uid and time.
 * - a uid that another observation of the chain names as the one it replaced (`previousUid`), or
 *   that was deleted through the API, never starts the booking again: a late fact about the old
 *   half of a reschedule (a sync reading the old booking) cannot pull the row back, and a deleted
 *   booking stays deleted when Cal.com's answer to its cancel is recorded.
 * - created for the current uid while it awaits the host accepts it (requested → scheduled);
 *   otherwise an event about the current uid never restarts it (a cancelled uid stays cancelled).
 * - a reschedule of the current booking (the API's, or a re-send) moves the time and asks the
 *   talent to confirm again.
 * - cancelled / rejected / completed / location_changed / confirmed / no_show apply only to the
 *   current Cal.com booking (an API change names the uid it saw): a cancel of a uid that was
 *   since rescheduled away changes nothing. The first cancel wins.
 * - no_show marks the talent absent (or present again); it shows as status "no-show" unless the
 *   booking is pending, cancelled or rejected.
 */
export function foldBooking(
  observations: readonly Observation[],
  context: FoldContext,
): FoldedBooking | null {
  // Uids that must never start the booking again; a property of the whole set, so the result
  // still depends only on the set, never on arrival order.
  const retired = new Set<string>();
  for (const o of observations) {
    if (o.previousUid) retired.add(o.previousUid);
    if (o.kind === "deleted" && o.bookingUid) retired.add(o.bookingUid);
  }
  let state: FoldState | null = null;
  for (const observation of [...observations].sort(compareObservations)) {
    state = step(state, observation, { ...context, retired });
  }
  if (!state) return null;
  return {
    status: state.isTalentAbsent && isHeld(state.base) ? "no-show" : state.base,
    calcomBookingUid: state.uid,
    calcomEventId: state.calcomEventId,
    schedule: state.schedule,
    meeting: state.meeting,
    cancelledAt: state.cancelledAt,
    cancelledBy: state.cancelledBy,
    cancellationReason: state.cancellationReason,
  };
}

function step(
  state: FoldState | null,
  o: Observation,
  context: FoldContext & { retired: ReadonlySet<string> },
): FoldState | null {
  const isCurrent = state !== null && o.bookingUid === state.uid;
  switch (o.kind) {
    case "requested":
    case "created": {
      if (state && isCurrent && o.bookingUid !== null) {
        // The same Cal.com booking again: the host accepting a request, or a repeated send. A
        // cancelled uid is never revived by its own re-sent create.
        return state.base === "pending" && o.kind === "created" && !o.data.isAwaitingHost
          ? { ...state, base: "scheduled" }
          : state;
      }
      // One open audition at a time: another booking starts only over nothing or a closed one.
      if (state && !isClosed(state.base)) return state;
      if (o.bookingUid !== null && context.retired.has(o.bookingUid)) return state;
      return begin(o) ?? state;
    }
    case "rescheduled": {
      if (state && isCurrent) {
        // The same booking at a new time (an API reschedule, or a re-sent Cal.com one): the
        // talent confirms again; a closed booking stays closed.
        if (isClosed(state.base) || !o.data.schedule) return state;
        return {
          ...state,
          schedule: o.data.schedule,
          meeting: o.data.meeting ?? state.meeting,
          base: state.base === "pending" ? "pending" : "scheduled",
          isTalentAbsent: false,
        };
      }
      // A Cal.com reschedule: a new uid takes over, whatever arrived before it (unless that uid
      // was itself replaced or deleted since).
      if (o.bookingUid !== null && context.retired.has(o.bookingUid)) return state;
      return begin(o) ?? state;
    }
    case "cancelled":
      if (!state || !isCurrent || state.base === "cancelled" || state.base === "rejected") return state;
      return {
        ...state,
        base: "cancelled",
        cancelledAt: o.occurredAt.toISOString(),
        cancelledBy: o.data.actorUserId ?? userIdOf(o.data.actorEmail, context) ?? o.data.actorEmail ?? null,
        cancellationReason: o.data.reason ?? null,
      };
    case "rejected":
      if (!state || !isCurrent || (state.base !== "pending" && state.base !== "scheduled")) return state;
      return { ...state, base: "rejected", cancellationReason: o.data.reason ?? null };
    case "completed":
      if (!state || !isCurrent || (state.base !== "scheduled" && state.base !== "confirmed")) return state;
      return { ...state, base: "completed" };
    case "no_show": {
      if (!state || !isCurrent) return state;
      const talent = o.data.attendees?.find((a) => sameEmail(a.email, context.talentEmail));
      return talent ? { ...state, isTalentAbsent: talent.noShow } : state;
    }
    case "location_changed":
      if (!state || !isCurrent || isClosed(state.base) || !o.data.meeting) return state;
      return { ...state, meeting: o.data.meeting };
    case "confirmed":
      if (!state || !isCurrent || state.base !== "scheduled") return state;
      return { ...state, base: "confirmed" };
    case "deleted":
      return isCurrent ? null : state;
  }
}

/** A booking from an observation that carries a whole booking (requested / created / rescheduled). */
function begin(o: Observation): FoldState | null {
  if (!o.data.schedule || !o.data.meeting) return null;
  return {
    base: o.kind === "requested" || o.data.isAwaitingHost ? "pending" : "scheduled",
    isTalentAbsent: false,
    uid: o.bookingUid,
    calcomEventId: o.data.calcomEventId ?? null,
    schedule: o.data.schedule,
    meeting: o.data.meeting,
    cancelledAt: null,
    cancelledBy: null,
    cancellationReason: null,
  };
}

function isClosed(base: BaseStatus): boolean {
  return base === "cancelled" || base === "rejected";
}

/** States in which the talent being absent shows as "no-show". */
function isHeld(base: BaseStatus): boolean {
  return base === "scheduled" || base === "confirmed" || base === "completed";
}

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function userIdOf(email: string | null | undefined, context: FoldContext): string | undefined {
  return email ? context.userIdByEmail.get(email.trim().toLowerCase()) : undefined;
}
