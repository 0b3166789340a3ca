import { z } from "zod";

/**
 * Zones already checked. Building an Intl.DateTimeFormat is costly (it was 3% of the bridge's CPU
 * under webhook load), and there are only a few hundred IANA names, so the cache stays small;
 * names that fail are not kept, so junk input cannot grow it.
 */
const knownZones = new Set<string>(["UTC"]);

/** Whether Intl knows the zone: an IANA name (Asia/Riyadh, Europe/London) or UTC. */
export function isIanaTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  if (!value.includes("/")) return false; // refuse abbreviations like "EST"
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
  } catch {
    return false;
  }
  knownZones.add(value);
  return true;
}

export const ianaTimeZoneSchema = z.string().refine(isIanaTimeZone, "an IANA time zone such as Asia/Riyadh");
