// @takeone/calcom-bridge: the library surface. The service (bridge/src/main.ts) is built on it:
// the webhook route is the same router (webhooks/create-calcom-webhook-handler.ts) TakeOne's apps mount.
export * from "./contract.ts";
export { applyMigrations } from "./db/migrations/apply-migrations.ts";
export {
  TakeOneEventError,
  type VerifiedTakeOneEvent,
  verifyTakeOneEvent,
} from "./events/verify-takeone-event.ts";
export { type RunningService, type StartServiceOptions, startService } from "./service/start-service.ts";
export {
  BOOKING_TRIGGERS,
  type BookingPayload,
  type BookingTrigger,
  CALCOM_WEBHOOK_PATH,
  CalcomPayloadError,
  CalcomSignatureError,
  type CalcomWebhook,
  type CalcomWebhookHandler,
  type CalcomWebhookHandlerOptions,
  calcomWebhookRouter,
  createCalcomWebhookHandler,
  DELIVERY_OUTCOMES,
  type DeliveryOutcome,
  type FlatMeeting,
  type IngestResult,
  type NoShowPayload,
  parseCalcomWebhook,
  signCalcomBody,
  verifyCalcomSignature,
} from "./webhooks/index.ts";
