// Outbound event throughput: events/s from the outbox to a local receiver that verifies every
// signature with svix's Webhook.verify (both in this process, on this machine's cores).
// Run: npx tsx scripts/bench-events.ts [bookings=500] [eventsPerBooking=10]
import { performance } from "node:perf_hooks";
import { readBookingView } from "../bridge/src/bookings/read-booking-view.ts";
import { createPool } from "../bridge/src/db/create-pool.ts";
import { createSigner, dispatchDueEvents, recordOutboxEvent } from "../bridge/src/events/index.ts";
import { insertTestBooking } from "../bridge/test/insert-test-bookings.ts";
import { startEventReceiver } from "../bridge/test/start-event-receiver.ts";
import { openBenchDatabase } from "./bench-database.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const bookings = Number(process.argv[2] ?? 500);
const perBooking = Number(process.argv[3] ?? 10);

const database = await openBenchDatabase();
const pool = createPool({ connectionString: database.url, max: 20 });
const receiver = await startEventReceiver({ secret: SECRET });
try {
  for (let b = 0; b < bookings; b++) {
    const id = await insertTestBooking(pool, { scheduledAt: new Date(Date.now() + 3 * 86_400_000) });
    const booking = await readBookingView(pool, id);
    if (!booking) throw new Error("no booking");
    for (let e = 0; e < perBooking; e++) {
      await recordOutboxEvent(pool, { type: "audition_booking.updated", booking, occurredAt: new Date() });
    }
  }
  const total = bookings * perBooking;
  for (const batchSize of [50]) {
    const started = performance.now();
    const result = await dispatchDueEvents({
      db: pool,
      url: receiver.url,
      signer: createSigner(SECRET),
      clock: { now: () => new Date() },
      retryScheduleMs: [1000],
      requestTimeoutMs: 15_000,
      batchSize,
    });
    const seconds = (performance.now() - started) / 1000;
    const invalid = receiver.attempts.filter((a) => !a.isSignatureValid).length;
    console.log(
      `${bookings} bookings × ${perBooking} events = ${total}; batch ${batchSize}: delivered ${result.delivered} in ${seconds.toFixed(2)} s = ${(result.delivered / seconds).toFixed(0)} events/s (invalid signatures: ${invalid})`,
    );
  }
} finally {
  await receiver.close();
  await pool.end();
  await database.drop();
}
