import { describe, expect, it } from "vitest";
import { decideReminder, HOUR_MS } from "./decide-reminder.ts";

const now = new Date("2026-11-24T12:00:00.000Z");
const at = (msFromNow: number) => new Date(now.getTime() + msFromNow);
const none = { reminderSent24h: false, reminderSent1h: false };

describe("decideReminder", () => {
  it("owes the 24 h reminder from exactly 24 h before the start, not a millisecond earlier", () => {
    expect(decideReminder({ now, scheduledAt: at(24 * HOUR_MS + 1), ...none })).toBeNull();
    expect(decideReminder({ now, scheduledAt: at(24 * HOUR_MS), ...none })).toBe("24h");
    expect(decideReminder({ now, scheduledAt: at(HOUR_MS + 1), ...none })).toBe("24h");
  });

  it("owes the 1 h reminder from exactly 1 h before the start until the start", () => {
    const sent24 = { reminderSent24h: true, reminderSent1h: false };
    expect(decideReminder({ now, scheduledAt: at(HOUR_MS + 1), ...sent24 })).toBeNull();
    expect(decideReminder({ now, scheduledAt: at(HOUR_MS), ...sent24 })).toBe("1h");
    expect(decideReminder({ now, scheduledAt: at(1), ...sent24 })).toBe("1h");
    expect(decideReminder({ now, scheduledAt: at(0), ...sent24 })).toBeNull();
    expect(decideReminder({ now, scheduledAt: at(-1), ...none })).toBeNull();
  });

  it("gives a booking first seen inside the last hour only the 1 h reminder, and nothing twice", () => {
    expect(decideReminder({ now, scheduledAt: at(30 * 60_000), ...none })).toBe("1h");
    expect(
      decideReminder({ now, scheduledAt: at(30 * 60_000), reminderSent24h: true, reminderSent1h: true }),
    ).toBeNull();
    expect(
      decideReminder({ now, scheduledAt: at(2 * HOUR_MS), reminderSent24h: true, reminderSent1h: false }),
    ).toBeNull();
  });
});
