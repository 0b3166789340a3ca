export { type ClaimedPropagation, claimDuePropagations } from "./claim-due-propagations.ts";
export {
  countPropagationsByStatus,
  listPropagations,
  PROPAGATION_STATUSES,
  type PropagationStatus,
  type PropagationSummary,
  retryFailedPropagations,
} from "./list-propagations.ts";
export {
  type BookingChangeToCarry,
  type PropagationDeps,
  type PropagationResult,
  propagateBookingChange,
} from "./propagate-booking-change.ts";
export {
  PROPAGATION_LEASE_MS,
  type SendPropagationsOptions,
  type SendPropagationsResult,
  sendPendingPropagations,
} from "./send-pending-propagations.ts";
