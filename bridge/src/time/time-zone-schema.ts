import { z } from "zod";

/** Whether Intl knows the zone: an IANA name (Asia/Riyadh, Europe/London) or UTC. */
export function isIanaTimeZone(value: string): boolean {
  if (!value.includes("/") && value !== "UTC") return false; // refuse abbreviations like "EST"
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ianaTimeZoneSchema = z.string().refine(isIanaTimeZone, "an IANA time zone such as Asia/Riyadh");
