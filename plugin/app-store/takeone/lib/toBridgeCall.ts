import type { CalendarEvent } from "@calcom/types/Calendar";

import { DEFAULT_APPLICATION_ID_FIELD } from "../zod";

export type BridgeCallType = "booking.created" | "booking.updated" | "booking.deleted";

/** The body the bridge's POST /api/v1/calcom-app/events reads (bridge/src/calcom-app/crm-call-schema.ts). */
export interface BridgeCall {
  type: BridgeCallType;
  /** when Cal.com made the call (Cal.com's clock, like a webhook's createdAt): orders the chain */
  occurredAt: string;
  /** the uid Cal.com passed to updateEvent / deleteEvent (the reference createEvent returned) */
  referenceUid: string | null;
  /** the application id read from the event type's booking field, when answered */
  applicationId: string | null;
  event: BridgeEvent;
}

export interface BridgeEvent {
  uid: string | null;
  bookingId: number | null;
  eventTypeId: number | null;
  title: string;
  startTime: string;
  endTime: string;
  location: string | null;
  videoCallData: { type: string | null; url: string | null; password: string | null } | null;
  responses: Record<string, unknown> | null;
  organizer: { name: string; email: string; timeZone: string };
  attendees: { name: string; email: string; timeZone: string }[];
  cancellationReason: string | null;
}

/**
 * What leaves Cal.com for each call: the fields the bridge maps, nothing else — no team member
 * lists, no translate functions, no destination calendars. Times are re-written as ISO instants
 * (Cal.com formats them differently on different paths, calcom-facts 1.6).
 */
export function toBridgeCall(options: {
  type: BridgeCallType;
  event: CalendarEvent;
  referenceUid: string | null;
  applicationIdField: string | undefined;
  now: Date;
}): BridgeCall {
  const { event } = options;
  const field = options.applicationIdField || DEFAULT_APPLICATION_ID_FIELD;
  return {
    type: options.type,
    occurredAt: options.now.toISOString(),
    referenceUid: options.referenceUid,
    applicationId: answerOf(event.responses?.[field]?.value),
    event: {
      uid: event.uid ?? null,
      bookingId: event.bookingId ?? null,
      eventTypeId: event.eventTypeId ?? null,
      title: event.title,
      startTime: new Date(event.startTime).toISOString(),
      endTime: new Date(event.endTime).toISOString(),
      location: event.location ?? null,
      videoCallData: event.videoCallData
        ? {
            type: event.videoCallData.type ?? null,
            url: event.videoCallData.url ?? null,
            password: event.videoCallData.password ?? null,
          }
        : null,
      responses: event.responses ? { ...event.responses } : null,
      organizer: personOf(event.organizer),
      attendees: event.attendees.map(personOf),
      cancellationReason: event.cancellationReason ?? null,
    },
  };
}

function personOf(person: { name: string; email: string; timeZone: string }) {
  return { name: person.name, email: person.email, timeZone: person.timeZone };
}

function answerOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}
