import type pg from "pg";
import type { CalcomBooking, CalcomClient } from "../calcom/index.ts";
import type { Clock } from "../service/service-context.ts";
import { applyCalcomBookings, type SyncReport } from "../sync/index.ts";

/** A change a caster made through the bridge, to be made in Cal.com too. */
export type BookingChangeToCarry =
  | { kind: "cancel"; calcomBookingUid: string; reason: string }
  | { kind: "reschedule"; calcomBookingUid: string; start: Date; rescheduledBy?: string; reason?: string };

export interface PropagationDeps {
  client: CalcomClient;
  pool: pg.Pool;
  clock: Clock;
  /** CALCOM_APPLICATION_FIELD */
  applicationField: string;
}

export interface PropagationResult {
  /** carried: Cal.com made the change now; already-done: Cal.com had it (an earlier attempt whose answer was lost) */
  outcome: "carried" | "already-done";
  /** the Cal.com booking after the change — for a reschedule, the new one */
  calcomBookingUid: string;
  /** what recording Cal.com's answer changed in the bridge */
  report: SyncReport;
}

/**
 * Carries a cancel or a reschedule to Cal.com (API v2, calcom-facts §4.4) and records Cal.com's
 * answer through the same fold as webhooks and sync, which links the new uid a Cal.com reschedule
 * creates to the booking (its `rescheduledFromUid` names the old one).
 *
 * Safe to run again, as a job with retries must be: Cal.com's cancel and reschedule are POSTs that
 * would act twice, so the booking is read first — already cancelled, or already rescheduled
 * (`rescheduledToUid` set) means an earlier attempt got through, and only its result is recorded.
 * It never changes the bridge's booking except by recording what Cal.com answered, so a failure
 * leaves the local change as it was. Failures are AppErrors; isRetryableCalcomError tells a job
 * whether to try again (rate limit, outage) or to stop and show the error (a 400, a bad key).
 */
export async function propagateBookingChange(
  deps: PropagationDeps,
  change: BookingChangeToCarry,
): Promise<PropagationResult> {
  const current = await deps.client.getBooking(change.calcomBookingUid);
  let after: CalcomBooking;
  let outcome: PropagationResult["outcome"];
  if (change.kind === "cancel") {
    outcome = current.status === "cancelled" ? "already-done" : "carried";
    after =
      outcome === "already-done"
        ? current
        : await deps.client.cancelBooking(change.calcomBookingUid, { cancellationReason: change.reason });
  } else if (current.rescheduledToUid) {
    outcome = "already-done";
    after = await deps.client.getBooking(current.rescheduledToUid);
  } else {
    outcome = "carried";
    after = await deps.client.rescheduleBooking(change.calcomBookingUid, {
      start: change.start,
      ...(change.rescheduledBy ? { rescheduledBy: change.rescheduledBy } : {}),
      ...(change.reason ? { reschedulingReason: change.reason } : {}),
    });
  }
  const report = await applyCalcomBookings([after], {
    pool: deps.pool,
    clock: deps.clock,
    applicationField: deps.applicationField,
    isDryRun: false,
  });
  return { outcome, calcomBookingUid: after.uid, report };
}
