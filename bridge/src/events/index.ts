export { type ClaimedEvent, claimDueEvents } from "./claim-due-events.ts";
export {
  type DispatchOptions,
  type DispatchResult,
  dispatchDueEvents,
  serializeEvent,
} from "./dispatch-events.ts";
export * from "./event-schema.ts";
export { holdPendingEvents, releaseHeldEvents } from "./hold-events.ts";
export { countEventsByStatus, listEvents, type OutboxEventSummary } from "./list-events.ts";
export { planRetry } from "./plan-retry.ts";
export {
  createSigner,
  type EventSigner,
  type PostEventResult,
  parseRetryAfter,
  postEvent,
} from "./post-event.ts";
export { type OutboxEventInput, recordOutboxEvent } from "./record-outbox-event.ts";
export { redeliverEvents } from "./redeliver-events.ts";
export { TakeOneEventError, type VerifiedTakeOneEvent, verifyTakeOneEvent } from "./verify-takeone-event.ts";
