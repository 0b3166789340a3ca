import { InvalidArgumentError } from "commander";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A `--since` value: an ISO 8601 date-time, or an age such as 90m, 24h, 30d. */
export function parseSince(value: string, now: Date = new Date()): Date {
  const age = /^(\d+)([mhd])$/.exec(value.trim());
  if (age) return new Date(now.getTime() - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS]);
  return parseDateTime(value);
}

/** An ISO 8601 date-time for a CLI option; a clear usage error otherwise. */
export function parseDateTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      "an ISO 8601 date-time like 2026-12-01T10:00:00+03:00, or an age such as 24h or 30d",
    );
  }
  return date;
}
