export { CAL_API_VERSION } from "./api-envelope.ts";
export type {
  CalcomBooking,
  CalcomBookingField,
  CalcomEventType,
  CalcomMe,
  CalcomWebhookSubscription,
  EventTypeInput,
  WebhookInput,
} from "./calcom-api-schemas.ts";
export { calcomBookingSchema } from "./calcom-api-schemas.ts";
export { type CalcomClient, createCalcomClient, type ListBookingsQuery } from "./create-calcom-client.ts";
export type { CalcomClientOptions } from "./create-calcom-transport.ts";
export { type CalcomFailureDetails, isRetryableCalcomError, LICENSE_HELP } from "./explain-calcom-error.ts";
