import { randomUUID } from "node:crypto";
import type { Queryable } from "../db/queryable.ts";
import type { AvailabilitySlot } from "./availability-schemas.ts";

/** The fields of a slot a talent sets. */
export interface SlotFields {
  dayOfWeek: number | null;
  specificDate: string | null;
  startTime: string;
  endTime: string;
  timezone: string;
  isActive: boolean;
}

// specificDate is read as text: node-postgres would turn a DATE into a Date at local midnight.
const SELECT_SLOT = `
  SELECT "id", "talentUserId", "dayOfWeek", "startTime", "endTime", "timezone",
         to_char("specificDate", 'YYYY-MM-DD') AS "specificDate", "isActive", "createdAt", "updatedAt"
    FROM "AvailabilitySlot"`;

interface SlotRow extends Omit<AvailabilitySlot, "createdAt" | "updatedAt"> {
  createdAt: Date;
  updatedAt: Date;
}

function toSlot(row: SlotRow): AvailabilitySlot {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** A talent's slots: weekly ones by day, then one-off ones by date, each by start time. */
export async function readTalentSlots(db: Queryable, talentUserId: string): Promise<AvailabilitySlot[]> {
  const { rows } = await db.query<SlotRow>(
    `${SELECT_SLOT} WHERE "talentUserId" = $1
      ORDER BY "specificDate" NULLS FIRST, "dayOfWeek", "startTime", "id"`,
    [talentUserId],
  );
  return rows.map(toSlot);
}

/** One slot of the talent, locked for the transaction; undefined if it is not theirs. */
export async function readTalentSlotForUpdate(
  db: Queryable,
  args: { talentUserId: string; slotId: string },
): Promise<AvailabilitySlot | undefined> {
  const { rows } = await db.query<SlotRow>(
    `${SELECT_SLOT} WHERE "id" = $1 AND "talentUserId" = $2 FOR UPDATE`,
    [args.slotId, args.talentUserId],
  );
  return rows[0] ? toSlot(rows[0]) : undefined;
}

/**
 * Serialises slot changes of one talent, so two concurrent requests cannot each miss the other's
 * overlapping slot. (Advisory lock namespace 7303; bookings/lock-chain.ts uses 7301 and 7302.)
 */
export async function lockTalentSlots(db: Queryable, talentUserId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(7303, hashtext($1))", [talentUserId]);
}

/**
 * An active slot of the talent overlapping `slot` (same weekday, or same date; times overlapping as
 * HH:MM wall-clock strings, which compare correctly as text), other than `exceptId`.
 */
export async function findOverlappingSlot(
  db: Queryable,
  args: { talentUserId: string; slot: SlotFields; exceptId?: string },
): Promise<AvailabilitySlot | undefined> {
  const { slot } = args;
  const { rows } = await db.query<SlotRow>(
    `${SELECT_SLOT}
      WHERE "talentUserId" = $1 AND "isActive" AND "id" <> $2
        AND ("dayOfWeek" = $3::int OR "specificDate" = $4::date)
        AND "startTime" < $6 AND $5 < "endTime"
      ORDER BY "startTime" LIMIT 1`,
    [args.talentUserId, args.exceptId ?? "", slot.dayOfWeek, slot.specificDate, slot.startTime, slot.endTime],
  );
  return rows[0] ? toSlot(rows[0]) : undefined;
}

export async function insertSlot(
  db: Queryable,
  args: { talentUserId: string; slot: SlotFields; now: Date },
): Promise<AvailabilitySlot> {
  const { slot } = args;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "AvailabilitySlot"
       ("id", "talentUserId", "dayOfWeek", "specificDate", "startTime", "endTime", "timezone", "isActive", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $9) RETURNING "id"`,
    [
      randomUUID(),
      args.talentUserId,
      slot.dayOfWeek,
      slot.specificDate,
      slot.startTime,
      slot.endTime,
      slot.timezone,
      slot.isActive,
      args.now,
    ],
  );
  return readSlot(db, rows[0]?.id as string);
}

export async function updateSlot(
  db: Queryable,
  args: { slotId: string; slot: SlotFields; now: Date },
): Promise<AvailabilitySlot> {
  const { slot } = args;
  await db.query(
    `UPDATE "AvailabilitySlot"
        SET "dayOfWeek" = $2, "specificDate" = $3::date, "startTime" = $4, "endTime" = $5, "timezone" = $6,
            "isActive" = $7, "updatedAt" = $8
      WHERE "id" = $1`,
    [
      args.slotId,
      slot.dayOfWeek,
      slot.specificDate,
      slot.startTime,
      slot.endTime,
      slot.timezone,
      slot.isActive,
      args.now,
    ],
  );
  return readSlot(db, args.slotId);
}

export async function deleteSlot(db: Queryable, slotId: string): Promise<void> {
  await db.query(`DELETE FROM "AvailabilitySlot" WHERE "id" = $1`, [slotId]);
}

/** The talent's own time zone (User.timezone), the default of a new slot. */
export async function readUserTimeZone(db: Queryable, userId: string): Promise<string> {
  const { rows } = await db.query<{ timezone: string }>(`SELECT "timezone" FROM "User" WHERE "id" = $1`, [
    userId,
  ]);
  return rows[0]?.timezone ?? "Asia/Riyadh";
}

async function readSlot(db: Queryable, slotId: string): Promise<AvailabilitySlot> {
  const { rows } = await db.query<SlotRow>(`${SELECT_SLOT} WHERE "id" = $1`, [slotId]);
  if (!rows[0]) throw new Error(`availability slot ${slotId} vanished inside its own transaction`);
  return toSlot(rows[0]);
}
