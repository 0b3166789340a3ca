import { createHash } from "node:crypto";
import type { ObservationInput } from "../bookings/observation.ts";
import type { BookingPayload, CalcomWebhook } from "../webhooks/index.ts";
import { observeCalcomWebhook } from "../webhooks/observe-calcom-webhook.ts";
import type { CrmCall } from "./crm-call-schema.ts";

/**
 * The observation a CRM call from the `takeone` Cal.com app makes. It is read as the webhook the
 * same change sends, so the mapping (schedule, meeting, application id) is the webhooks' own code:
 *
 * - booking.created → BOOKING_CREATED of the event's uid.
 * - booking.updated → BOOKING_RESCHEDULED of the event's uid. Cal.com calls updateEvent with the
 *   reference uid createEvent returned (EventManager.updateAllCRMEvents) and the CalendarEvent of
 *   the NEW booking (handleNewBooking sets evt.uid to the new booking's uid before rescheduling);
 *   references are carried over to the new booking, so the reference can be the first uid of the
 *   chain rather than the one just replaced. It links the chain either way.
 * - booking.deleted → BOOKING_CANCELLED of the event's uid (else the reference uid).
 *
 * Dedupe key: the call's meaning, not its bytes or time — one create per uid, one update per uid
 * and time, one delete per uid — so the app re-sending a call (or Cal.com calling twice) is one fact.
 * Keys carry the "crm:" prefix: a webhook of the same change is a second, separate observation,
 * which the fold treats as a no-op for the current uid (fold-booking.ts).
 */
export function observeCrmCall(call: CrmCall, applicationField: string): ObservationInput {
  const { event } = call;
  const uid = event.uid ?? call.referenceUid;
  if (!uid) throw new Error("a CRM call without a booking uid (checked by the route)");
  const previousUid = call.referenceUid && call.referenceUid !== uid ? call.referenceUid : null;
  const payload: BookingPayload = {
    uid,
    bookingId: event.bookingId ?? null,
    startTime: new Date(event.startTime),
    endTime: new Date(event.endTime),
    location: event.location ?? null,
    videoCallData: event.videoCallData ?? null,
    // The app read the application id from the booking field its event type names; as metadata it
    // wins over CALCOM_APPLICATION_FIELD's answer (claimedApplicationId), as the embed's does.
    metadata: call.applicationId ? { applicationId: call.applicationId } : null,
    responses: event.responses ?? null,
    organizer: event.organizer,
    attendees: event.attendees ?? null,
    rescheduleUid: previousUid,
    cancellationReason: event.cancellationReason ?? null,
  };
  const webhook: CalcomWebhook = {
    triggerEvent: TRIGGER_OF[call.type],
    createdAt: new Date(call.occurredAt),
    payload,
  };
  const meaning =
    call.type === "booking.updated"
      ? [call.type, uid, payload.startTime.toISOString(), payload.endTime.toISOString()]
      : [call.type, uid];
  const observation = observeCalcomWebhook(webhook, {
    applicationField,
    bodySha256: createHash("sha256").update(meaning.join("\n")).digest("hex"),
    source: "crm",
  });
  if (!observation) throw new Error(`${webhook.triggerEvent} made no observation`);
  return observation;
}

const TRIGGER_OF = {
  "booking.created": "BOOKING_CREATED",
  "booking.updated": "BOOKING_RESCHEDULED",
  "booking.deleted": "BOOKING_CANCELLED",
} as const;
