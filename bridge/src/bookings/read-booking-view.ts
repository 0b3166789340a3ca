import type { Queryable } from "../db/queryable.ts";
import type { Booking, BookingStatus, MeetingType } from "./booking-schema.ts";

interface BookingViewRow {
  id: string;
  applicationId: string;
  talentUserId: string;
  casterUserId: string;
  castingCallId: string;
  scheduledAt: Date;
  duration: number;
  timezone: string;
  meetingType: string;
  location: string | null;
  meetingUrl: string | null;
  meetingPassword: string | null;
  status: string;
  cancelledBy: string | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  reminderSent24h: boolean;
  reminderSent1h: boolean;
  casterNotes: string | null;
  talentNotes: string | null;
  calcomEventId: string | null;
  calcomBookingUid: string | null;
  createdAt: Date;
  updatedAt: Date;
  talentName: string;
  talentEmail: string;
  casterName: string;
  casterEmail: string;
  castingCallTitle: string;
}

/** SELECT list and joins of the booking view; callers add WHERE / ORDER BY. */
export const BOOKING_VIEW_SELECT = `
  SELECT b.*, t."name" AS "talentName", t."email" AS "talentEmail",
         c."name" AS "casterName", c."email" AS "casterEmail", cc."title" AS "castingCallTitle"
    FROM "AuditionBooking" b
    JOIN "User" t ON t."id" = b."talentUserId"
    JOIN "User" c ON c."id" = b."casterUserId"
    JOIN "CastingCall" cc ON cc."id" = b."castingCallId"`;

export async function readBookingView(db: Queryable, bookingId: string): Promise<Booking | undefined> {
  const { rows } = await db.query<BookingViewRow>(`${BOOKING_VIEW_SELECT} WHERE b."id" = $1`, [bookingId]);
  return rows[0] ? toBooking(rows[0]) : undefined;
}

export async function readBookingViewByApplication(
  db: Queryable,
  applicationId: string,
): Promise<Booking | undefined> {
  const { rows } = await db.query<BookingViewRow>(`${BOOKING_VIEW_SELECT} WHERE b."applicationId" = $1`, [
    applicationId,
  ]);
  return rows[0] ? toBooking(rows[0]) : undefined;
}

/** A row of BOOKING_VIEW_SELECT as the API and the events show it. */
export function toBooking(row: BookingViewRow): Booking {
  return {
    id: row.id,
    applicationId: row.applicationId,
    talentUserId: row.talentUserId,
    casterUserId: row.casterUserId,
    castingCallId: row.castingCallId,
    scheduledAt: row.scheduledAt.toISOString(),
    duration: row.duration,
    timezone: row.timezone,
    meetingType: row.meetingType as MeetingType,
    location: row.location,
    meetingUrl: row.meetingUrl,
    meetingPassword: row.meetingPassword,
    status: row.status as BookingStatus,
    cancelledBy: row.cancelledBy,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancellationReason: row.cancellationReason,
    reminderSent24h: row.reminderSent24h,
    reminderSent1h: row.reminderSent1h,
    casterNotes: row.casterNotes,
    talentNotes: row.talentNotes,
    calcomEventId: row.calcomEventId,
    calcomBookingUid: row.calcomBookingUid,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    talent: { id: row.talentUserId, name: row.talentName, email: row.talentEmail },
    caster: { id: row.casterUserId, name: row.casterName, email: row.casterEmail },
    castingCall: { id: row.castingCallId, title: row.castingCallTitle },
  };
}

export type { BookingViewRow };
