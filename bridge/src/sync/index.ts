export { observeCalcomBooking } from "./observe-calcom-booking.ts";
export {
  type SyncChange,
  type SyncOptions,
  type SyncReport,
  syncFromCalcomApi,
} from "./sync-from-calcom-api.ts";
