-- TakeOne core tables (TakeOne's own in production; created here for standalone use),
-- the seed's AvailabilitySlot and AuditionBooking, and the bridge's delivery log, observations,
-- outbox and propagation queue. Written by hand in the form `prisma migrate diff` produces;
-- bridge/test/schema-matches-database.test.ts checks it against prisma/schema.prisma.

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Riyadh',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "User_role_check" CHECK ("role" IN ('talent', 'caster', 'admin')),
    CONSTRAINT "User_locale_check" CHECK ("locale" IN ('en', 'ar'))
);

-- CreateTable
CREATE TABLE "CastingCall" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "casterUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CastingCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "castingCallId" TEXT NOT NULL,
    "talentUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilitySlot" (
    "id" TEXT NOT NULL,
    "talentUserId" TEXT NOT NULL,
    "dayOfWeek" INTEGER,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Riyadh',
    "specificDate" DATE,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AvailabilitySlot_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AvailabilitySlot_dayOfWeek_check" CHECK ("dayOfWeek" BETWEEN 0 AND 6),
    -- weekly (dayOfWeek) or one-off (specificDate), never both, never neither
    CONSTRAINT "AvailabilitySlot_kind_check" CHECK (("dayOfWeek" IS NULL) <> ("specificDate" IS NULL)),
    CONSTRAINT "AvailabilitySlot_time_check" CHECK (
        "startTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
        AND "endTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
        AND "startTime" < "endTime")
);

-- CreateTable
CREATE TABLE "AuditionBooking" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "talentUserId" TEXT NOT NULL,
    "casterUserId" TEXT NOT NULL,
    "castingCallId" TEXT NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "duration" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Riyadh',
    "meetingType" TEXT NOT NULL,
    "location" TEXT,
    "meetingUrl" TEXT,
    "meetingPassword" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "cancelledBy" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancellationReason" TEXT,
    "reminderSent24h" BOOLEAN NOT NULL DEFAULT false,
    "reminderSent1h" BOOLEAN NOT NULL DEFAULT false,
    "casterNotes" TEXT,
    "talentNotes" TEXT,
    "calcomEventId" TEXT,
    "calcomBookingUid" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditionBooking_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AuditionBooking_status_check" CHECK ("status" IN ('pending', 'scheduled', 'confirmed', 'cancelled', 'rejected', 'completed', 'no-show')),
    CONSTRAINT "AuditionBooking_meetingType_check" CHECK ("meetingType" IN ('in-person', 'video', 'phone')),
    CONSTRAINT "AuditionBooking_duration_check" CHECK ("duration" > 0)
);

-- CreateTable
CREATE TABLE "CalcomDelivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "source" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triggerEvent" TEXT NOT NULL,
    "bookingUid" TEXT,
    "envelopeCreatedAt" TIMESTAMPTZ(3),
    "bodySha256" TEXT NOT NULL,
    "rawBody" BYTEA NOT NULL,
    "headers" JSONB NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "applicationId" TEXT,
    "appliedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CalcomDelivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CalcomDelivery_source_check" CHECK ("source" IN ('webhook', 'crm')),
    CONSTRAINT "CalcomDelivery_outcome_check" CHECK ("outcome" IN ('applied', 'duplicate', 'stale', 'unmapped', 'ignored', 'invalid', 'failed'))
);

-- CreateTable
CREATE TABLE "BookingObservation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dedupeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "bookingUid" TEXT,
    "previousUid" TEXT,
    "applicationId" TEXT,
    "deliveryId" UUID,
    "data" JSONB NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookingObservation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "BookingObservation_source_check" CHECK ("source" IN ('webhook', 'crm', 'sync', 'api')),
    CONSTRAINT "BookingObservation_kind_check" CHECK ("kind" IN ('requested', 'created', 'rescheduled', 'cancelled', 'rejected', 'completed', 'no_show', 'location_changed', 'confirmed', 'deleted'))
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastStatus" INTEGER,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OutboxEvent_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed', 'held'))
);

-- CreateTable
CREATE TABLE "CalcomPropagation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bookingId" TEXT NOT NULL,
    "calcomBookingUid" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "resultUid" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalcomPropagation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CalcomPropagation_action_check" CHECK ("action" IN ('cancel', 'reschedule')),
    CONSTRAINT "CalcomPropagation_status_check" CHECK ("status" IN ('pending', 'done', 'failed'))
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "CastingCall_casterUserId_idx" ON "CastingCall"("casterUserId");

-- CreateIndex
CREATE INDEX "Application_castingCallId_idx" ON "Application"("castingCallId");

-- CreateIndex
CREATE INDEX "Application_talentUserId_idx" ON "Application"("talentUserId");

-- CreateIndex
CREATE INDEX "AvailabilitySlot_talentUserId_isActive_idx" ON "AvailabilitySlot"("talentUserId", "isActive");

-- CreateIndex
CREATE UNIQUE INDEX "AuditionBooking_applicationId_key" ON "AuditionBooking"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditionBooking_calcomBookingUid_key" ON "AuditionBooking"("calcomBookingUid");

-- CreateIndex
CREATE INDEX "AuditionBooking_talentUserId_scheduledAt_id_idx" ON "AuditionBooking"("talentUserId", "scheduledAt", "id");

-- CreateIndex
CREATE INDEX "AuditionBooking_casterUserId_scheduledAt_id_idx" ON "AuditionBooking"("casterUserId", "scheduledAt", "id");

-- CreateIndex
CREATE INDEX "AuditionBooking_castingCallId_idx" ON "AuditionBooking"("castingCallId");

-- CreateIndex
CREATE INDEX "AuditionBooking_scheduledAt_id_idx" ON "AuditionBooking"("scheduledAt", "id");

-- CreateIndex (not expressible in Prisma: the reminder sweep reads only bookings still owed a reminder)
CREATE INDEX "AuditionBooking_reminder_due_idx" ON "AuditionBooking"("scheduledAt")
    WHERE "status" IN ('scheduled', 'confirmed') AND NOT ("reminderSent24h" AND "reminderSent1h");

-- CreateIndex
CREATE INDEX "CalcomDelivery_receivedAt_idx" ON "CalcomDelivery"("receivedAt");

-- CreateIndex
CREATE INDEX "CalcomDelivery_outcome_receivedAt_idx" ON "CalcomDelivery"("outcome", "receivedAt");

-- CreateIndex
CREATE INDEX "CalcomDelivery_bookingUid_idx" ON "CalcomDelivery"("bookingUid");

-- CreateIndex
CREATE INDEX "CalcomDelivery_bodySha256_idx" ON "CalcomDelivery"("bodySha256");

-- CreateIndex
CREATE UNIQUE INDEX "BookingObservation_dedupeKey_key" ON "BookingObservation"("dedupeKey");

-- CreateIndex
CREATE INDEX "BookingObservation_applicationId_occurredAt_idx" ON "BookingObservation"("applicationId", "occurredAt");

-- CreateIndex
CREATE INDEX "BookingObservation_bookingUid_idx" ON "BookingObservation"("bookingUid");

-- CreateIndex
CREATE INDEX "BookingObservation_previousUid_idx" ON "BookingObservation"("previousUid");

-- CreateIndex
CREATE INDEX "BookingObservation_deliveryId_idx" ON "BookingObservation"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEvent_sequence_key" ON "OutboxEvent"("sequence");

-- CreateIndex
CREATE INDEX "OutboxEvent_bookingId_sequence_idx" ON "OutboxEvent"("bookingId", "sequence");

-- CreateIndex
CREATE INDEX "OutboxEvent_status_nextAttemptAt_idx" ON "OutboxEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CalcomPropagation_status_createdAt_idx" ON "CalcomPropagation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CalcomPropagation_bookingId_idx" ON "CalcomPropagation"("bookingId");

-- AddForeignKey
ALTER TABLE "CastingCall" ADD CONSTRAINT "CastingCall_casterUserId_fkey" FOREIGN KEY ("casterUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_castingCallId_fkey" FOREIGN KEY ("castingCallId") REFERENCES "CastingCall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_talentUserId_fkey" FOREIGN KEY ("talentUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilitySlot" ADD CONSTRAINT "AvailabilitySlot_talentUserId_fkey" FOREIGN KEY ("talentUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditionBooking" ADD CONSTRAINT "AuditionBooking_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditionBooking" ADD CONSTRAINT "AuditionBooking_talentUserId_fkey" FOREIGN KEY ("talentUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditionBooking" ADD CONSTRAINT "AuditionBooking_casterUserId_fkey" FOREIGN KEY ("casterUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditionBooking" ADD CONSTRAINT "AuditionBooking_castingCallId_fkey" FOREIGN KEY ("castingCallId") REFERENCES "CastingCall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingObservation" ADD CONSTRAINT "BookingObservation_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "CalcomDelivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;
