import type { Booking } from "@takeone/calcom-bridge/contract";
import type { BridgeClient, BridgeResult } from "./create-bridge-client.ts";

/**
 * Whether the bridge has stored the Cal.com booking `uid` yet: looks through the viewer's upcoming
 * bookings (the list has no uid filter). BookAudition's `confirmBooking` uses it after an embed event.
 */
export async function findBookingByCalcomUid(
  client: BridgeClient,
  uid: string,
  maxPages = 5,
): Promise<BridgeResult<Booking | null>> {
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await client.listBookings({ upcoming: "true", limit: 200, ...(cursor ? { cursor } : {}) });
    if (!result.ok) return result;
    const found = result.value.bookings.find((b) => b.calcomBookingUid === uid);
    if (found) return { ok: true, value: found };
    if (!result.value.nextCursor) break;
    cursor = result.value.nextCursor;
  }
  return { ok: true, value: null };
}
