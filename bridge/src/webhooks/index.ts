export { DELIVERY_OUTCOMES, type DeliveryOutcome } from "./delivery-records.ts";
export { type IngestResult, ingestCalcomDelivery } from "./ingest-calcom-delivery.ts";
export {
  type BookingPayload,
  CalcomPayloadError,
  type CalcomWebhook,
  parseCalcomWebhook,
} from "./parse-calcom-webhook.ts";
export { CalcomSignatureError, signCalcomBody, verifyCalcomSignature } from "./verify-calcom-signature.ts";
export { CALCOM_WEBHOOK_PATH, webhookRoutes } from "./webhook-routes.ts";
