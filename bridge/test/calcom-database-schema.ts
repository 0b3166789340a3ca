/**
 * Cal.com's own tables, with the names, column names and types of its schema.prisma (calcom-facts
 * §7: Prisma defaults, `users` mapped, `timestamp(3)` holding UTC, the BookingStatus enum stored
 * lowercase). Only the columns that matter here and the ones that are NOT NULL.
 */
export const CALCOM_SCHEMA = `
  CREATE TYPE "BookingStatus" AS ENUM ('cancelled', 'accepted', 'rejected', 'pending', 'awaiting_host');
  CREATE TABLE users (
    id serial PRIMARY KEY, username text, name text, email text NOT NULL,
    "timeZone" text NOT NULL DEFAULT 'Europe/London', locale text, created timestamp(3) DEFAULT now());
  CREATE TABLE "EventType" (
    id serial PRIMARY KEY, title text NOT NULL, slug text NOT NULL, length integer NOT NULL,
    "userId" integer REFERENCES users(id), "teamId" integer, "bookingFields" jsonb, hidden boolean NOT NULL DEFAULT false,
    "requiresConfirmation" boolean NOT NULL DEFAULT false, locations jsonb, metadata jsonb, UNIQUE ("userId", slug));
  CREATE TABLE "Booking" (
    id serial PRIMARY KEY, uid text NOT NULL UNIQUE, "idempotencyKey" text UNIQUE, "userId" integer REFERENCES users(id),
    "userPrimaryEmail" text, "eventTypeId" integer REFERENCES "EventType"(id), title text NOT NULL, description text,
    "customInputs" jsonb, responses jsonb NOT NULL DEFAULT '{}', "startTime" timestamp(3) NOT NULL,
    "endTime" timestamp(3) NOT NULL, location text, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3), status "BookingStatus" NOT NULL DEFAULT 'accepted', paid boolean NOT NULL DEFAULT false,
    "cancellationReason" text, "rejectionReason" text, rescheduled boolean, "fromReschedule" text,
    "recurringEventId" text, metadata jsonb, "iCalUID" text DEFAULT '', "iCalSequence" integer NOT NULL DEFAULT 0,
    "cancelledBy" text, "rescheduledBy" text, "noShowHost" boolean DEFAULT false);
  CREATE TABLE "Attendee" (
    id serial PRIMARY KEY, email text NOT NULL, name text NOT NULL, "timeZone" text NOT NULL, "phoneNumber" text,
    locale text DEFAULT 'en', "bookingId" integer REFERENCES "Booking"(id) ON DELETE CASCADE, "noShow" boolean DEFAULT false);
`;
