import { randomBytes } from "node:crypto";
import { signCalcomBody } from "./verify-calcom-signature.ts";

/**
 * Cal.com-shaped webhook bodies, as calcom-facts 1.6 and appendix A document them (payload version
 * 2021-10-20): the bodies `takeone-cal trigger` sends for set-up checks, and the tests' fixtures.
 * Only documented fields, with the documented variations where they matter (the cancel path sends
 * `+00:00` times and no `metadata`; a reschedule carries a new uid and `rescheduleUid`).
 */

export const BUILDABLE_TRIGGERS = [
  "PING",
  "BOOKING_REQUESTED",
  "BOOKING_CREATED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REJECTED",
  "BOOKING_LOCATION_UPDATED",
  "BOOKING_NO_SHOW_UPDATED",
  "MEETING_STARTED",
  "MEETING_ENDED",
] as const;
export type BuildableTrigger = (typeof BUILDABLE_TRIGGERS)[number];

export interface CalcomPerson {
  name: string;
  email: string;
  timeZone: string;
}

export interface CalcomBookingSpec {
  uid: string;
  bookingId: number;
  startTime: Date;
  durationMinutes: number;
  /** the booker: the caster who scheduled the audition (attendees[0]) */
  attendee: CalcomPerson;
  /** the host of the Audition event type */
  organizer: CalcomPerson;
  /** the application, where the bridge looks for it; null: none */
  applicationId: string | null;
  /** `metadata` (the embed's `metadata[applicationId]`), the booking field, or both (default) */
  applicationIn?: "metadata" | "responses" | "both";
  /** the booking field carrying it (CALCOM_APPLICATION_FIELD) */
  applicationField?: string;
  /** a Cal Video meeting by default */
  location?: string;
  videoCallUrl?: string | null;
}

export interface BuildOptions {
  /** the envelope's createdAt: when Cal.com emitted the event */
  createdAt: Date;
  booking: CalcomBookingSpec;
  /** BOOKING_RESCHEDULED: the uid of the booking it replaces */
  rescheduleUid?: string;
  /** BOOKING_CANCELLED / BOOKING_REJECTED */
  reason?: string;
  /** BOOKING_CANCELLED: the canceller's e-mail */
  cancelledBy?: string;
  /** BOOKING_NO_SHOW_UPDATED: attendees marked (true) or unmarked (false) */
  noShow?: { email: string; noShow: boolean }[];
}

/** A Cal.com booking uid: 22 URL-safe characters, like Cal.com's short uuids. */
export function newCalcomUid(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}

/** The JSON object Cal.com would send for `trigger`. */
export function buildCalcomWebhook(
  trigger: BuildableTrigger,
  options: BuildOptions,
): Record<string, unknown> {
  const createdAt = options.createdAt.toISOString();
  const { booking } = options;
  const endTime = new Date(booking.startTime.getTime() + booking.durationMinutes * 60_000);

  if (trigger === "PING") {
    return {
      triggerEvent: "PING",
      createdAt,
      payload: {
        type: "Test",
        title: "Test trigger event",
        description: "",
        startTime: createdAt,
        endTime: createdAt,
        attendees: [person(booking.attendee)],
        organizer: { ...person(booking.organizer), name: "Cal", email: "no-reply@cal.com" },
      },
    };
  }
  if (trigger === "BOOKING_NO_SHOW_UPDATED") {
    const marks = options.noShow ?? [];
    return {
      triggerEvent: trigger,
      createdAt,
      payload: {
        message: marks.map((mark) => `${mark.email} marked as no-show`).join(", "),
        attendees: marks,
        bookingUid: booking.uid,
        bookingId: booking.bookingId,
      },
    };
  }

  const field = booking.applicationField ?? "applicationId";
  const where = booking.applicationIn ?? "both";
  const inResponses = booking.applicationId !== null && where !== "metadata";
  const inMetadata = booking.applicationId !== null && where !== "responses";
  const videoCallUrl =
    booking.videoCallUrl === undefined
      ? `https://cal.takeone.example/video/${booking.uid}`
      : booking.videoCallUrl;
  const responses: Record<string, unknown> = {
    name: { label: "your_name", value: booking.attendee.name, isHidden: false },
    email: { label: "email_address", value: booking.attendee.email, isHidden: false },
    location: {
      label: "location",
      value: { value: locationTypeOf(booking.location ?? "integrations:daily"), optionValue: "" },
      isHidden: false,
    },
    ...(inResponses
      ? { [field]: { label: "Application ID", value: booking.applicationId, isHidden: true } }
      : {}),
  };

  if (trigger === "MEETING_STARTED" || trigger === "MEETING_ENDED") {
    // Flat: the Booking row beside triggerEvent, no envelope createdAt (calcom-facts 1.6).
    return {
      triggerEvent: trigger,
      id: booking.bookingId,
      uid: booking.uid,
      title: `Audition between ${booking.organizer.name} and ${booking.attendee.name}`,
      startTime: booking.startTime.toISOString(),
      endTime: endTime.toISOString(),
      responses,
      metadata: inMetadata ? { [field]: booking.applicationId } : {},
      status: "ACCEPTED",
      createdAt: options.createdAt.toISOString(),
      attendees: [{ ...person(booking.attendee), noShow: false }],
    };
  }

  const isCancel = trigger === "BOOKING_CANCELLED";
  const status = {
    BOOKING_REQUESTED: "PENDING",
    BOOKING_CREATED: "ACCEPTED",
    BOOKING_RESCHEDULED: "ACCEPTED",
    BOOKING_CANCELLED: "CANCELLED",
    BOOKING_REJECTED: "REJECTED",
    BOOKING_LOCATION_UPDATED: "ACCEPTED",
  }[trigger];
  const payload: Record<string, unknown> = {
    type: "audition",
    title: `Audition between ${booking.organizer.name} and ${booking.attendee.name}`,
    description: "",
    customInputs: {},
    // The cancel path formats times with an offset instead of Z (calcom-facts 1.6).
    startTime: isCancel ? offsetForm(booking.startTime) : booking.startTime.toISOString(),
    endTime: isCancel ? offsetForm(endTime) : endTime.toISOString(),
    organizer: { id: 1, ...person(booking.organizer), timeFormat: "HH:mm" },
    attendees: [person(booking.attendee)],
    responses,
    location: isCancel ? (booking.location ?? "integrations:daily") : (videoCallUrl ?? booking.location),
    uid: booking.uid,
    bookingId: booking.bookingId,
    eventTypeId: 42,
    length: booking.durationMinutes,
    status,
  };
  if (!isCancel) {
    payload.metadata = {
      ...(videoCallUrl ? { videoCallUrl } : {}),
      ...(inMetadata ? { [field]: booking.applicationId } : {}),
    };
    if (videoCallUrl) {
      payload.videoCallData = { type: "daily_video", id: booking.uid, password: "", url: videoCallUrl };
    }
  }
  if (trigger === "BOOKING_RESCHEDULED") payload.rescheduleUid = options.rescheduleUid ?? null;
  if (trigger === "BOOKING_REQUESTED") payload.requiresConfirmation = true;
  if (isCancel) {
    payload.cancellationReason = options.reason ?? null;
    payload.cancelledBy = options.cancelledBy;
    payload.requestReschedule = false;
  }
  if (trigger === "BOOKING_REJECTED") payload.rejectionReason = options.reason ?? null;
  return { triggerEvent: trigger, createdAt, payload };
}

/** The exact bytes and headers Cal.com would POST. */
export function signCalcomWebhook(
  body: Record<string, unknown> | string,
  secret: string,
): { body: string; headers: Record<string, string> } {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return {
    body: text,
    headers: {
      "content-type": "application/json",
      "x-cal-signature-256": signCalcomBody(text, secret),
      "x-cal-webhook-version": "2021-10-20",
    },
  };
}

function person(p: CalcomPerson) {
  return { name: p.name, email: p.email, timeZone: p.timeZone, language: { locale: "en" } };
}

function offsetForm(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The location type the booker's answer names (Cal.com's `responses.location.value.value`). */
function locationTypeOf(location: string): string {
  if (location.startsWith("integrations:")) return location;
  if (/^https?:\/\//.test(location)) return "link";
  if (/^\+?[\d\s().-]{6,20}$/.test(location)) return "phone";
  return "inPerson";
}
