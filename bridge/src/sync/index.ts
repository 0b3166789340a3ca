export { applyCalcomBookings, type SyncChange, type SyncReport } from "./apply-calcom-bookings.ts";
export { observeCalcomBooking } from "./observe-calcom-booking.ts";
export {
  chooseSyncSource,
  runScheduledSync,
  SCHEDULED_SYNC_LOOKBACK_MS,
  type SyncSourceKind,
} from "./run-scheduled-sync.ts";
export { type SyncOptions, syncFromCalcomApi } from "./sync-from-calcom-api.ts";
export { type DatabaseSyncOptions, syncFromCalcomDatabase } from "./sync-from-calcom-database.ts";
