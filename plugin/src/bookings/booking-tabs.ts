import type { BookingStatus } from "@takeone/calcom-bridge/contract";
import type { ListBookingsParams } from "../client/create-bridge-client.ts";

export const BOOKING_TABS = ["upcoming", "past", "cancelled"] as const;
export type BookingTab = (typeof BOOKING_TABS)[number];

const NOT_CANCELLED: BookingStatus[] = ["pending", "scheduled", "confirmed", "completed", "no-show"];

/** The bridge query behind each tab of the bookings page. */
export function queryOfTab(tab: BookingTab, now: Date): ListBookingsParams {
  switch (tab) {
    case "upcoming":
      return { upcoming: "true" };
    case "past":
      return { status: NOT_CANCELLED, to: now.toISOString() };
    case "cancelled":
      return { status: ["cancelled", "rejected"] };
  }
}
