-- The webhook path (bridge/src/webhooks/apply-deliveries.ts) writes a batch's observations before
-- the deliveries that carry them, so that each delivery row is written once, with its outcome,
-- instead of inserted and then updated. The reference is checked at commit: still every
-- observation's delivery exists once the transaction is visible. (Prisma's schema language has no
-- word for DEFERRABLE; schema.prisma says it in a comment.)
ALTER TABLE "BookingObservation"
    ALTER CONSTRAINT "BookingObservation_deliveryId_fkey" DEFERRABLE INITIALLY DEFERRED;
