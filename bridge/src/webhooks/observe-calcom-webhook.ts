import type { MeetingType } from "../bookings/booking-schema.ts";
import type { Meeting, ObservationInput, Schedule } from "../bookings/observation.ts";
import { isIanaTimeZone } from "../time/time-zone-schema.ts";
import type { BookingPayload, CalcomWebhook } from "./parse-calcom-webhook.ts";

export interface ObserveOptions {
  /** the booking field carrying the application id (CALCOM_APPLICATION_FIELD) */
  applicationField: string;
  /** hex sha256 of the raw body: equal bodies are one fact */
  bodySha256: string;
  source: "webhook" | "crm";
}

/** Time zone when Cal.com names none: TakeOne's default (ARCHITECTURE.md). */
const DEFAULT_TIME_ZONE = "Asia/Riyadh";

/**
 * The observation a Cal.com webhook makes, or null for triggers that say nothing about an audition
 * (PING, MEETING_STARTED, payment and routing-form triggers, anything unknown).
 *
 * Mapping (docs/webhooks.md): REQUESTED → requested, CREATED → created, RESCHEDULED → rescheduled
 * (new uid; `rescheduleUid` is the one it replaces), CANCELLED → cancelled, REJECTED → rejected,
 * LOCATION_UPDATED → location_changed, NO_SHOW_UPDATED → no_show, MEETING_ENDED → completed.
 * The envelope's createdAt orders the chain; the flat MEETING_ENDED has none (its `createdAt` is the
 * booking's), and Cal.com's cron sends it at the meeting's end, so its endTime stands in.
 */
export function observeCalcomWebhook(
  webhook: CalcomWebhook,
  options: ObserveOptions,
): ObservationInput | null {
  const dedupeKey = `${options.source}:${options.bodySha256}`;
  const base = { dedupeKey, source: options.source, previousUid: null } as const;

  if ("isUnhandled" in webhook) return null;
  switch (webhook.triggerEvent) {
    case "PING":
    case "MEETING_STARTED":
      return null;
    case "MEETING_ENDED": {
      const { meeting } = webhook;
      return {
        ...base,
        kind: "completed",
        occurredAt: meeting.endTime,
        bookingUid: meeting.uid,
        applicationId: claimedApplicationId(meeting.metadata, meeting.responses, options.applicationField),
        data: {},
      };
    }
    case "BOOKING_NO_SHOW_UPDATED":
      return {
        ...base,
        kind: "no_show",
        occurredAt: webhook.createdAt,
        bookingUid: webhook.payload.bookingUid,
        applicationId: null,
        data: { attendees: webhook.payload.attendees.map(({ email, noShow }) => ({ email, noShow })) },
      };
  }

  // Booking triggers: the payload is a booking.
  const payload = webhook.payload;
  const common = {
    ...base,
    occurredAt: webhook.createdAt,
    bookingUid: payload.uid,
    applicationId: claimedApplicationId(payload.metadata, payload.responses, options.applicationField),
  };
  const whole = {
    schedule: scheduleOf(payload),
    meeting: meetingOf(payload),
    calcomEventId: payload.bookingId == null ? null : String(payload.bookingId),
    isAwaitingHost: payload.status?.toUpperCase() === "PENDING",
  };
  switch (webhook.triggerEvent) {
    case "BOOKING_REQUESTED":
      return { ...common, kind: "requested", data: { ...whole, isAwaitingHost: true } };
    case "BOOKING_CREATED":
      return { ...common, kind: "created", data: whole };
    case "BOOKING_RESCHEDULED":
      return { ...common, kind: "rescheduled", previousUid: payload.rescheduleUid ?? null, data: whole };
    case "BOOKING_LOCATION_UPDATED":
      return { ...common, kind: "location_changed", data: { meeting: whole.meeting } };
    case "BOOKING_CANCELLED":
      return {
        ...common,
        kind: "cancelled",
        data: { reason: payload.cancellationReason ?? null, actorEmail: payload.cancelledBy ?? null },
      };
    case "BOOKING_REJECTED":
      return { ...common, kind: "rejected", data: { reason: payload.rejectionReason ?? null } };
  }
}

/**
 * The application a booking names: `metadata.applicationId` (the embed's `metadata[applicationId]`),
 * else the booking field's answer. Cancel payloads carry no metadata (calcom-facts 1.6); the chain
 * links them through their uid instead.
 */
export function claimedApplicationId(
  metadata: Record<string, unknown> | null | undefined,
  responses: Record<string, unknown> | null | undefined,
  field: string,
): string | null {
  const fromMetadata = asId(metadata?.applicationId);
  if (fromMetadata) return fromMetadata;
  const answer = responses?.[field];
  if (answer && typeof answer === "object" && "value" in answer)
    return asId((answer as { value: unknown }).value);
  return asId(answer);
}

function asId(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : null;
}

function scheduleOf(payload: BookingPayload): Schedule {
  // The zone the audition was booked in: the booker's (the caster, attendees[0]), else the host's.
  return scheduleFrom(payload.startTime, payload.endTime, [
    payload.attendees?.[0]?.timeZone,
    payload.organizer?.timeZone,
  ]);
}

/**
 * A booking's schedule from its start and end and the time zones that may name it, best first:
 * the first IANA zone, else TakeOne's default. Shared by every source that reads Cal.com bookings.
 */
export function scheduleFrom(start: Date, end: Date, zones: readonly unknown[]): Schedule {
  const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
  const zone = zones.find(
    (candidate): candidate is string => typeof candidate === "string" && isIanaTimeZone(candidate),
  );
  return {
    scheduledAt: start.toISOString(),
    durationMinutes: Math.max(1, minutes),
    timezone: zone ?? DEFAULT_TIME_ZONE,
  };
}

/**
 * Meeting details from what Cal.com sends: `videoCallData` when a video app made a meeting,
 * `metadata.videoCallUrl`, and `location` — a URL, an `integrations:…` marker, a phone number or an
 * address. The location answer in `responses.location.value.value` names the kind when present
 * (Cal.com's location types: integrations:*, link, phone, userPhone, inPerson, attendeeInPerson…).
 */
export function meetingOf(payload: BookingPayload): Meeting {
  const raw = payload.location?.trim() || null;
  const meetingUrl =
    nonEmpty(payload.videoCallData?.url) ??
    nonEmpty(typeof payload.metadata?.videoCallUrl === "string" ? payload.metadata.videoCallUrl : null) ??
    (raw && isHttpUrl(raw) ? raw : null);
  const kind = locationKindOf(payload.responses);
  let meetingType: MeetingType;
  if (kind === "phone" || kind === "userPhone" || (!kind && raw && isPhoneNumber(raw))) meetingType = "phone";
  else if (kind === "inPerson" || kind === "attendeeInPerson" || kind === "somewhereElse")
    meetingType = "in-person";
  else if (meetingUrl || kind || raw?.startsWith("integrations:")) meetingType = "video";
  else meetingType = raw ? "in-person" : "video";
  return {
    meetingType,
    location: raw && !raw.startsWith("integrations:") && raw !== meetingUrl ? raw : null,
    meetingUrl,
    meetingPassword: nonEmpty(payload.videoCallData?.password),
  };
}

function locationKindOf(responses: Record<string, unknown> | null | undefined): string | null {
  const answer = responses?.location;
  if (!answer || typeof answer !== "object") return null;
  const value = (answer as { value?: unknown }).value;
  if (value && typeof value === "object" && typeof (value as { value?: unknown }).value === "string") {
    return nonEmpty((value as { value: string }).value);
  }
  return null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}

function isPhoneNumber(value: string): boolean {
  return /^\+?[\d\s().-]{6,20}$/.test(value) && /\d{6,}/.test(value.replace(/\D/g, ""));
}
