-- The propagation job (bridge/src/propagation/send-pending-propagations.ts) claims rows with a
-- lease and backs off after a failure: "nextAttemptAt" is when a row may be tried next.
ALTER TABLE "CalcomPropagation" ADD COLUMN "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Per-booking order. A sequence value is drawn at INSERT, which the bookings API does while it
-- holds the booking's row lock, so a booking's changes are numbered in the order they were made
-- ("createdAt" is the transaction's start time and can run backwards across waiting transactions).
ALTER TABLE "CalcomPropagation" ADD COLUMN "sequence" BIGSERIAL NOT NULL;

-- Rows recorded before this migration are numbered by when they were recorded.
UPDATE "CalcomPropagation" p
   SET "sequence" = o.n
  FROM (SELECT "id", row_number() OVER (ORDER BY "createdAt", "id") AS n FROM "CalcomPropagation") o
 WHERE p."id" = o."id";

-- CreateIndex
CREATE UNIQUE INDEX "CalcomPropagation_sequence_key" ON "CalcomPropagation"("sequence");

-- DropIndex: replaced by the (bookingId, sequence) index, which serves the same lookups
DROP INDEX "CalcomPropagation_bookingId_idx";

-- CreateIndex
CREATE INDEX "CalcomPropagation_bookingId_sequence_idx" ON "CalcomPropagation"("bookingId", "sequence");

-- CreateIndex
CREATE INDEX "CalcomPropagation_status_nextAttemptAt_idx" ON "CalcomPropagation"("status", "nextAttemptAt");
