export {
  type BookingChangeToCarry,
  type PropagationDeps,
  type PropagationResult,
  propagateBookingChange,
} from "./propagate-booking-change.ts";
