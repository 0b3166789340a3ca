import { z } from "zod";
import type { AuthenticatedUser } from "../auth/index.ts";
import type { Queryable } from "../db/queryable.ts";
import { AppError } from "../http/app-error.ts";
import type { Booking } from "./booking-schema.ts";
import type { ListBookingsQuery } from "./bookings-schemas.ts";
import { BOOKING_VIEW_SELECT, type BookingViewRow, toBooking } from "./read-booking-view.ts";

/** A position in the list: the (scheduledAt, id) of the last booking of the previous page. */
const cursorSchema = z.tuple([z.iso.datetime({ offset: true }), z.string().min(1).max(100)]);

/**
 * One page of the bookings a user may see, ordered by scheduledAt then id, with keyset pagination:
 * the next page starts after the last (scheduledAt, id) shown, so rows inserted or deleted while a
 * client pages never make it skip or repeat a row that was there all along.
 *
 * Whose bookings: a talent's (talentUserId), a caster's (casterUserId), or, for an admin, all. The
 * filter is chosen by role rather than `talentUserId = $1 OR casterUserId = $1` so each query walks
 * exactly one of the indexes (talentUserId|casterUserId, scheduledAt, id) or (scheduledAt, id) in
 * order and stops after `limit + 1` rows — no sort, whatever the table's size (see the EXPLAIN test).
 * `to` is exclusive; `upcoming` means scheduledAt ≥ now and not cancelled.
 */
export async function listBookings(
  db: Queryable,
  args: { user: AuthenticatedUser; query: ListBookingsQuery; now: Date },
): Promise<{ bookings: Booking[]; nextCursor: string | null }> {
  const { text, values } = buildListBookingsQuery(args);
  const { rows } = await db.query<BookingViewRow>(text, values);
  const { limit } = args.query;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(last.scheduledAt, last.id) : null;
  return { bookings: page.map(toBooking), nextCursor };
}

/** The SQL of listBookings (exported for the EXPLAIN test). */
export function buildListBookingsQuery(args: {
  user: AuthenticatedUser;
  query: ListBookingsQuery;
  now: Date;
}): {
  text: string;
  values: unknown[];
} {
  const { user, query, now } = args;
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (user.role === "talent") where.push(`b."talentUserId" = ${param(user.id)}`);
  if (user.role === "caster") where.push(`b."casterUserId" = ${param(user.id)}`);
  if (query.status && query.status.length > 0) where.push(`b."status" = ANY(${param(query.status)}::text[])`);
  if (query.upcoming) where.push(`b."scheduledAt" >= ${param(now)} AND b."status" <> 'cancelled'`);
  if (query.from) where.push(`b."scheduledAt" >= ${param(new Date(query.from))}`);
  if (query.to) where.push(`b."scheduledAt" < ${param(new Date(query.to))}`);
  if (query.cursor) {
    const [scheduledAt, id] = decodeCursor(query.cursor);
    where.push(`(b."scheduledAt", b."id") > (${param(new Date(scheduledAt))}, ${param(id)})`);
  }
  const text = `${BOOKING_VIEW_SELECT}
    ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY b."scheduledAt", b."id"
    LIMIT ${param(query.limit + 1)}`;
  return { text, values };
}

function encodeCursor(scheduledAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([scheduledAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): [string, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request query is not valid.", {
      details: [{ path: "cursor", message: "not a cursor this API returned" }],
    });
  }
}
