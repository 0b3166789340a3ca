import type { Queryable } from "../db/queryable.ts";
import type { BookingEventType } from "../events/event-schema.ts";
import { recordOutboxEvent } from "../events/record-outbox-event.ts";
import { describeBookingChange } from "./describe-booking-change.ts";
import {
  assignObservationsToApplication,
  findApplicationByBookingUid,
  findLinkedObservations,
  type LinkedObservation,
  markDeliveriesFolded,
} from "./find-linked-observations.ts";
import { foldBooking } from "./fold-booking.ts";
import { insertObservation } from "./insert-observation.ts";
import { lockBookingUids } from "./lock-chain.ts";
import type { ObservationInput } from "./observation.ts";
import { lockApplicationParties, readUserIdsByEmail } from "./read-application-parties.ts";
import { readChain } from "./read-chain.ts";
import { deleteBookingRow, readBookingRowForUpdate, writeBookingRow } from "./write-booking-row.ts";

/**
 * - applied: the booking row changed (and its outbound event was recorded)
 * - duplicate: the same fact was already recorded; nothing changed
 * - stale: recorded in its chain, but the booking did not change (it already reflects newer facts,
 *   or the fact waits for one that has not arrived, like a cancel before its create)
 * - unmapped: no application is known for it, or the application does not exist (yet)
 */
export type ApplyOutcome = "applied" | "duplicate" | "stale" | "unmapped";

export interface ApplyResult {
  outcome: ApplyOutcome;
  observationId: string;
  applicationId: string | null;
  bookingId: string | null;
  eventType: BookingEventType | null;
}

/**
 * Records one observation and brings its application's booking row up to date, inside the caller's
 * transaction. Exactly-once: a repeated fact is found by its dedupe key and changes nothing.
 */
export async function applyObservation(
  db: Queryable,
  input: ObservationInput,
  now: Date,
): Promise<ApplyResult> {
  // Lock first: a concurrent fact about the same uid then either committed before us (we see it)
  // or waits for our commit (it sees us).
  const uids = uidsOf(input);
  await lockBookingUids(db, uids);
  const stored = await insertObservation(db, input);
  if (!stored.isNew) {
    return {
      outcome: "duplicate",
      observationId: stored.id,
      applicationId: stored.applicationId,
      bookingId: null,
      eventType: null,
    };
  }
  return settleObservation(db, { ...input, id: stored.id }, now, uids);
}

/**
 * Finds the application of a stored observation and refolds it. Used for new observations and for
 * replays (an unmapped delivery whose application now exists, or whose chain is now known).
 *
 * The application comes from the observation itself (metadata or booking field), else from its
 * chain: any observation or booking row that shares a uid, followed through reschedules. Every uid
 * of the chain is locked before it is read, so a fact about one end of a chain and a fact about the
 * other end never miss each other; a crosswise wait ends in PostgreSQL's deadlock detector and a
 * retry of the whole transaction (with-transaction.ts).
 */
export async function settleObservation(
  db: Queryable,
  observation: {
    id: string;
    bookingUid: string | null;
    previousUid: string | null;
    applicationId: string | null;
  },
  now: Date,
  /** uids this transaction already holds the locks of */
  lockedUids: readonly string[] = [],
): Promise<ApplyResult> {
  const locked = new Set(lockedUids);
  const mine = uidsOf(observation).filter((uid) => !locked.has(uid));
  await lockBookingUids(db, mine);
  for (const uid of mine) locked.add(uid);
  let linked: LinkedObservation[] = [];
  for (;;) {
    linked = await findLinkedObservations(db, [...locked]);
    const more = linked.flatMap(uidsOf).filter((uid) => !locked.has(uid));
    if (more.length === 0) break;
    await lockBookingUids(db, more);
    for (const uid of more) locked.add(uid);
  }

  const applicationId =
    observation.applicationId ??
    (await findApplicationByBookingUid(db, [...locked])) ??
    linked
      .filter((link) => link.applicationId !== null)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0]?.applicationId ??
    null;
  const result = { observationId: observation.id, applicationId, bookingId: null, eventType: null };
  if (!applicationId) return { ...result, outcome: "unmapped" };

  // Observations of the chain that waited for their application join it now. (The common case — a
  // new observation naming its application, nothing waiting — writes nothing here.)
  const waiting = linked
    .filter((link) => link.applicationId === null && link.id !== observation.id)
    .map((link) => link.id);
  const joining = observation.applicationId === applicationId ? waiting : [observation.id, ...waiting];
  await assignObservationsToApplication(db, applicationId, joining);
  const refolded = await refoldApplication(db, applicationId, now);
  if (refolded.outcome !== "unmapped") await markDeliveriesFolded(db, applicationId, waiting, now);
  return { ...refolded, observationId: observation.id };
}

/**
 * Folds an application's chain and writes the result: insert, update or delete the booking row,
 * and record the outbound event, all in the caller's transaction, under the application's lock.
 */
export async function refoldApplication(
  db: Queryable,
  applicationId: string,
  now: Date,
): Promise<Omit<ApplyResult, "observationId">> {
  const parties = await lockApplicationParties(db, applicationId);
  if (!parties) return { outcome: "unmapped", applicationId, bookingId: null, eventType: null };

  const chain = await readChain(db, applicationId);
  const emails = chain.flatMap((o) =>
    o.kind === "cancelled" && o.data.actorEmail ? [o.data.actorEmail] : [],
  );
  const folded = foldBooking(chain, {
    talentEmail: parties.talent.email,
    userIdByEmail: await readUserIdsByEmail(db, emails),
  });
  const current = await readBookingRowForUpdate(db, applicationId);
  const eventType = describeBookingChange(current, folded);
  if (!eventType) return { outcome: "stale", applicationId, bookingId: current?.id ?? null, eventType: null };

  if (!folded) {
    // eventType is "deleted": report the booking as it was.
    const bookingId = current?.id as string;
    const booking = await deleteBookingRow(db, bookingId, parties);
    if (booking) await recordOutboxEvent(db, { type: eventType, booking, occurredAt: now });
    return { outcome: "applied", applicationId, bookingId, eventType };
  }
  const booking = await writeBookingRow(db, { parties, current, folded, now });
  await recordOutboxEvent(db, { type: eventType, booking, occurredAt: now });
  return { outcome: "applied", applicationId, bookingId: booking.id, eventType };
}

function uidsOf(o: { bookingUid: string | null; previousUid: string | null }): string[] {
  return [o.bookingUid, o.previousUid].filter((uid): uid is string => uid !== null);
}
