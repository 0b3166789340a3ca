import { z } from "zod";
import { ianaTimeZoneSchema } from "../time/time-zone-schema.ts";

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a time as HH:MM, 00:00 to 23:59");
const isoDate = z.iso.date({ error: "a date as YYYY-MM-DD" });

/** A talent's availability: weekly (dayOfWeek 0 = Sunday … 6) or on one date (specificDate). */
export const availabilitySlotSchema = z.object({
  id: z.string(),
  talentUserId: z.string(),
  dayOfWeek: z.number().int().min(0).max(6).nullable(),
  startTime: hhmm,
  endTime: hhmm,
  timezone: z.string(),
  specificDate: isoDate.nullable(),
  isActive: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type AvailabilitySlot = z.infer<typeof availabilitySlotSchema>;

const slotFields = {
  dayOfWeek: z.number().int().min(0).max(6).nullable().optional(),
  specificDate: isoDate.nullable().optional(),
  startTime: hhmm,
  endTime: hhmm,
  timezone: ianaTimeZoneSchema.optional(),
  isActive: z.boolean().optional(),
};

/** POST /api/v1/availability */
export const createAvailabilitySlotBodySchema = z
  .object(slotFields)
  .strict()
  .refine((slot) => (slot.dayOfWeek == null) !== (slot.specificDate == null), {
    message: "give either dayOfWeek (weekly) or specificDate (one date), not both",
    path: ["dayOfWeek"],
  })
  .refine((slot) => slot.startTime < slot.endTime, {
    message: "startTime must be before endTime",
    path: ["endTime"],
  });
export type CreateAvailabilitySlotBody = z.infer<typeof createAvailabilitySlotBodySchema>;

/** PATCH /api/v1/availability/:id — the merged slot is checked again as a whole. */
export const updateAvailabilitySlotBodySchema = z
  .object({ ...slotFields, startTime: hhmm.optional(), endTime: hhmm.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "nothing to change");
export type UpdateAvailabilitySlotBody = z.infer<typeof updateAvailabilitySlotBodySchema>;
