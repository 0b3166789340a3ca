import { inParallel } from "../db/in-parallel.ts";
import type { Queryable } from "../db/queryable.ts";
import type { BookingEventType } from "../events/event-schema.ts";
import { type OutboxEventInput, recordOutboxEvents } from "../events/record-outbox-event.ts";
import { describeBookingChange } from "./describe-booking-change.ts";
import {
  assignObservationsToApplication,
  findApplicationByBookingUid,
  findLinkedObservations,
  type LinkedObservation,
  markDeliveriesFolded,
} from "./find-linked-observations.ts";
import { foldBooking } from "./fold-booking.ts";
import { insertObservation, insertObservations } from "./insert-observation.ts";
import { lockBookingUids, lockChains } from "./lock-chain.ts";
import type { ObservationInput } from "./observation.ts";
import { lockApplicationsParties, readUserIdsByEmail } from "./read-application-parties.ts";
import { readChains } from "./read-chain.ts";
import {
  type BookingRowWrite,
  deleteBookingRow,
  readBookingRowsForUpdate,
  writeBookingRows,
} from "./write-booking-row.ts";

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
  return (await refoldApplications(db, [applicationId], now)).get(applicationId) as Omit<
    ApplyResult,
    "observationId"
  >;
}

/**
 * The same for several applications at once (a batch of deliveries): each step is one statement
 * for all of them. A caller passing more than one holds their locks already (lockChains, sorted).
 */
export async function refoldApplications(
  db: Queryable,
  applicationIds: readonly string[],
  now: Date,
): Promise<Map<string, Omit<ApplyResult, "observationId">>> {
  // The parties statement takes the application locks; the reads after it run under them.
  const [partiesOf, chains, rows] = await inParallel(db, [
    () => lockApplicationsParties(db, applicationIds),
    () => readChains(db, applicationIds),
    () => readBookingRowsForUpdate(db, applicationIds),
  ] as const);
  const emails = [...chains.values()]
    .flat()
    .flatMap((o) => (o.kind === "cancelled" && o.data.actorEmail ? [o.data.actorEmail] : []));
  const userIdByEmail = await readUserIdsByEmail(db, emails);

  const results = new Map<string, Omit<ApplyResult, "observationId">>();
  const writes: (BookingRowWrite & { eventType: BookingEventType })[] = [];
  const events: OutboxEventInput[] = [];
  for (const applicationId of applicationIds) {
    const parties = partiesOf.get(applicationId);
    if (!parties) {
      results.set(applicationId, { outcome: "unmapped", applicationId, bookingId: null, eventType: null });
      continue;
    }
    const folded = foldBooking(chains.get(applicationId) ?? [], {
      talentEmail: parties.talent.email,
      userIdByEmail,
    });
    const current = rows.get(applicationId) ?? null;
    const eventType = describeBookingChange(current, folded);
    if (!eventType) {
      results.set(applicationId, {
        outcome: "stale",
        applicationId,
        bookingId: current?.id ?? null,
        eventType,
      });
    } else if (!folded) {
      // eventType is "deleted": report the booking as it was. (Rare: one statement each.)
      const bookingId = current?.id as string;
      const booking = await deleteBookingRow(db, bookingId, parties);
      if (booking) events.push({ type: eventType, booking, occurredAt: now });
      results.set(applicationId, { outcome: "applied", applicationId, bookingId, eventType });
    } else {
      writes.push({ parties, current, folded, now, eventType });
    }
  }
  const written = await writeBookingRows(db, writes);
  written.forEach((booking, index) => {
    const { eventType } = writes[index] as (typeof writes)[number];
    events.push({ type: eventType, booking, occurredAt: now });
    results.set(booking.applicationId, {
      outcome: "applied",
      applicationId: booking.applicationId,
      bookingId: booking.id,
      eventType,
    });
  });
  await recordOutboxEvents(db, events);
  return results;
}

/**
 * applyObservation for a batch of observations (deliveries that arrived together), in the caller's
 * transaction, answered in the order given. The common case — an observation naming its
 * application, sharing no uid, key or application with another of the batch, and whose chain holds
 * no observation of another or no application — goes through a handful of statements for the whole
 * batch. Every other observation is applied one by one afterwards, in the order given, by the same
 * code as a single one; so the result is what applying them one after another would give.
 */
export async function applyObservations(
  db: Queryable,
  inputs: readonly ObservationInput[],
  now: Date,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = new Array(inputs.length);
  const { together, oneByOne } = splitBatch(inputs);
  const batch = together.map((index) => inputs[index] as ObservationInput);
  const batchUids = batch.flatMap(uidsOf);
  const [, stored, linked] = await inParallel(db, [
    () =>
      lockChains(db, {
        uids: batchUids,
        applicationIds: batch.map((input) => input.applicationId as string),
      }),
    () => insertObservations(db, batch),
    () => findLinkedObservations(db, batchUids),
  ] as const);
  const plain: number[] = [];
  const tangled: number[] = [];
  together.forEach((index, k) => {
    const input = inputs[index] as ObservationInput;
    const { id, isNew, applicationId } = stored[k] as (typeof stored)[number];
    if (!isNew) {
      results[index] = {
        outcome: "duplicate",
        observationId: id,
        applicationId,
        bookingId: null,
        eventType: null,
      };
      return;
    }
    const uids = uidsOf(input);
    const isPlain = linked
      .filter((link) => uidsOf(link).some((uid) => uids.includes(uid)))
      .every((link) => link.id === id || link.applicationId === input.applicationId);
    (isPlain ? plain : tangled).push(index);
    results[index] = {
      outcome: "stale",
      observationId: id,
      applicationId: null,
      bookingId: null,
      eventType: null,
    };
  });
  const refolded = await refoldApplications(
    db,
    plain.map((index) => inputs[index]?.applicationId as string),
    now,
  );
  for (const index of plain) {
    const result = refolded.get(inputs[index]?.applicationId as string) as Omit<ApplyResult, "observationId">;
    results[index] = { ...result, observationId: (results[index] as ApplyResult).observationId };
  }
  for (const index of tangled) {
    const input = inputs[index] as ObservationInput;
    const { observationId } = results[index] as ApplyResult;
    results[index] = await settleObservation(db, { ...input, id: observationId }, now, uidsOf(input));
  }
  for (const index of oneByOne) {
    results[index] = await applyObservation(db, inputs[index] as ObservationInput, now);
  }
  return results;
}

/**
 * Which observations of a batch can be applied together: those naming their application and
 * sharing no uid, dedupe key or application with an earlier one. The rest, one by one after them.
 */
function splitBatch(inputs: readonly ObservationInput[]): { together: number[]; oneByOne: number[] } {
  const together: number[] = [];
  const oneByOne: number[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    const keys = [
      `key:${input.dedupeKey}`,
      ...uidsOf(input).map((uid) => `uid:${uid}`),
      ...(input.applicationId ? [`application:${input.applicationId}`] : []),
    ];
    const isFree = input.applicationId !== null && keys.every((key) => !seen.has(key));
    (isFree ? together : oneByOne).push(index);
    for (const key of keys) seen.add(key);
  });
  return { together, oneByOne };
}

function uidsOf(o: { bookingUid: string | null; previousUid: string | null }): string[] {
  return [o.bookingUid, o.previousUid].filter((uid): uid is string => uid !== null);
}
