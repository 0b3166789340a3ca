export { applyCalcomBookings, type SyncChange, type SyncReport } from "./apply-calcom-bookings.ts";
export { observeCalcomBooking } from "./observe-calcom-booking.ts";
export { type SyncOptions, syncFromCalcomApi } from "./sync-from-calcom-api.ts";
export { type DatabaseSyncOptions, syncFromCalcomDatabase } from "./sync-from-calcom-database.ts";
