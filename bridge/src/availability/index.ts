export { AVAILABILITY_PATH, availabilityRoutes } from "./availability-routes.ts";
export {
  createAvailabilitySlot,
  deleteAvailabilitySlot,
  listAvailability,
  updateAvailabilitySlot,
} from "./change-availability.ts";
