import type pg from "pg";
import type { AuthenticatedUser } from "../auth/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { AppError } from "../http/app-error.ts";
import { parseRequest } from "../http/parse-request.ts";
import type { Clock } from "../service/service-context.ts";
import {
  type AvailabilitySlot,
  type CreateAvailabilitySlotBody,
  createAvailabilitySlotBodySchema,
  type UpdateAvailabilitySlotBody,
} from "./availability-schemas.ts";
import {
  deleteSlot,
  findOverlappingSlot,
  insertSlot,
  lockTalentSlots,
  readTalentSlotForUpdate,
  readTalentSlots,
  readUserTimeZone,
  type SlotFields,
  updateSlot,
} from "./availability-slot-records.ts";

interface Deps {
  pool: pg.Pool;
  clock: Clock;
}

/**
 * A talent's availability (/api/v1/availability): only talents have slots, and each sees and
 * changes only their own (another talent's slot id answers 404). Active slots of one talent may not
 * overlap on the same weekday or the same date (409 SLOT_OVERLAP); a weekly and a one-off slot are
 * not compared (a one-off slot may add hours on a date), and times compare as wall-clock HH:MM.
 */
export async function listAvailability(deps: Deps, user: AuthenticatedUser): Promise<AvailabilitySlot[]> {
  assertTalent(user);
  return readTalentSlots(deps.pool, user.id);
}

export async function createAvailabilitySlot(
  deps: Deps,
  args: { user: AuthenticatedUser; body: CreateAvailabilitySlotBody },
): Promise<AvailabilitySlot> {
  assertTalent(args.user);
  const { body, user } = args;
  return withTransaction(deps.pool, async (db) => {
    await lockTalentSlots(db, user.id);
    const slot: SlotFields = {
      dayOfWeek: body.dayOfWeek ?? null,
      specificDate: body.specificDate ?? null,
      startTime: body.startTime,
      endTime: body.endTime,
      timezone: body.timezone ?? (await readUserTimeZone(db, user.id)),
      isActive: body.isActive ?? true,
    };
    if (slot.isActive) await refuseOverlap(db, { talentUserId: user.id, slot });
    return insertSlot(db, { talentUserId: user.id, slot, now: deps.clock.now() });
  });
}

/** PATCH: the changed fields over the stored slot, checked again as a whole (kind, times, overlap). */
export async function updateAvailabilitySlot(
  deps: Deps,
  args: { user: AuthenticatedUser; slotId: string; body: UpdateAvailabilitySlotBody },
): Promise<AvailabilitySlot> {
  assertTalent(args.user);
  const { user, slotId, body } = args;
  return withTransaction(deps.pool, async (db) => {
    await lockTalentSlots(db, user.id);
    const stored = await readTalentSlotForUpdate(db, { talentUserId: user.id, slotId });
    if (!stored) throw slotNotFound(slotId);
    const merged = parseRequest(
      createAvailabilitySlotBodySchema,
      {
        dayOfWeek: body.dayOfWeek === undefined ? stored.dayOfWeek : body.dayOfWeek,
        specificDate: body.specificDate === undefined ? stored.specificDate : body.specificDate,
        startTime: body.startTime ?? stored.startTime,
        endTime: body.endTime ?? stored.endTime,
        timezone: body.timezone ?? stored.timezone,
        isActive: body.isActive ?? stored.isActive,
      },
      "body (merged with the stored slot)",
    );
    const slot: SlotFields = {
      dayOfWeek: merged.dayOfWeek ?? null,
      specificDate: merged.specificDate ?? null,
      startTime: merged.startTime,
      endTime: merged.endTime,
      timezone: merged.timezone ?? stored.timezone,
      isActive: merged.isActive ?? stored.isActive,
    };
    if (slot.isActive) await refuseOverlap(db, { talentUserId: user.id, slot, exceptId: slotId });
    return updateSlot(db, { slotId, slot, now: deps.clock.now() });
  });
}

export async function deleteAvailabilitySlot(
  deps: Deps,
  args: { user: AuthenticatedUser; slotId: string },
): Promise<void> {
  assertTalent(args.user);
  await withTransaction(deps.pool, async (db) => {
    const stored = await readTalentSlotForUpdate(db, { talentUserId: args.user.id, slotId: args.slotId });
    if (!stored) throw slotNotFound(args.slotId);
    await deleteSlot(db, args.slotId);
  });
}

async function refuseOverlap(
  db: pg.PoolClient,
  args: { talentUserId: string; slot: SlotFields; exceptId?: string },
): Promise<void> {
  const other = await findOverlappingSlot(db, args);
  if (other) {
    throw new AppError("SLOT_OVERLAP", `The slot overlaps your slot ${other.startTime}–${other.endTime}.`, {
      details: { slotId: other.id },
    });
  }
}

function assertTalent(user: AuthenticatedUser): void {
  if (user.role !== "talent") throw new AppError("FORBIDDEN", "Only talents have availability.");
}

function slotNotFound(slotId: string): AppError {
  return new AppError("NOT_FOUND", `No availability slot ${slotId}.`);
}
