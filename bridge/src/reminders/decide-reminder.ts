import type { ReminderKind } from "../events/event-schema.ts";

export const HOUR_MS = 3_600_000;

/**
 * Which reminder a booking is owed now, if any (the booking is `scheduled` or `confirmed`):
 * - start within 1 h (inclusive) and no 1 h reminder yet → `1h`. If the 24 h one never went out
 *   (booked less than an hour ahead, or the sweep was down) it is skipped, not sent late.
 * - else start within 24 h (inclusive) and no 24 h reminder yet → `24h`.
 * - started already, or further than 24 h → none.
 * sweep-reminders.ts asks the database the same question; this is its readable, tested form.
 */
export function decideReminder(args: {
  now: Date;
  scheduledAt: Date;
  reminderSent24h: boolean;
  reminderSent1h: boolean;
}): ReminderKind | null {
  const lead = args.scheduledAt.getTime() - args.now.getTime();
  if (lead <= 0) return null;
  if (lead <= HOUR_MS) return args.reminderSent1h ? null : "1h";
  if (lead <= 24 * HOUR_MS) return args.reminderSent24h ? null : "24h";
  return null;
}
