export {
  answerCalcomWebhook,
  type CalcomWebhookAnswer,
  type CalcomWebhookDeps,
  type CalcomWebhookRequest,
} from "./answer-calcom-webhook.ts";
export {
  CALCOM_WEBHOOK_PATH,
  type CalcomWebhookHandler,
  type CalcomWebhookHandlerOptions,
  calcomWebhookRouter,
  createCalcomWebhookHandler,
} from "./create-calcom-webhook-handler.ts";
export { DELIVERY_OUTCOMES, type DeliveryOutcome } from "./delivery-records.ts";
export { type IngestResult, ingestCalcomDelivery } from "./ingest-calcom-delivery.ts";
export { claimedApplicationId, meetingOf, observeCalcomWebhook } from "./observe-calcom-webhook.ts";
export {
  BOOKING_TRIGGERS,
  type BookingPayload,
  type BookingTrigger,
  CalcomPayloadError,
  type CalcomWebhook,
  type FlatMeeting,
  type NoShowPayload,
  parseCalcomWebhook,
} from "./parse-calcom-webhook.ts";
export { CalcomSignatureError, signCalcomBody, verifyCalcomSignature } from "./verify-calcom-signature.ts";
export { webhookRoutes } from "./webhook-routes.ts";
