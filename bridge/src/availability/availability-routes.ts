import express, { Router } from "express";
import { z } from "zod";
import { authenticatedUser, authenticatorFor } from "../auth/index.ts";
import { sendData } from "../http/envelope.ts";
import { methodNotAllowed } from "../http/handle-errors.ts";
import { parseRequest } from "../http/parse-request.ts";
import type { ServiceContext } from "../service/service-context.ts";
import {
  createAvailabilitySlotBodySchema,
  updateAvailabilitySlotBodySchema,
} from "./availability-schemas.ts";
import {
  createAvailabilitySlot,
  deleteAvailabilitySlot,
  listAvailability,
  updateAvailabilitySlot,
} from "./change-availability.ts";

export const AVAILABILITY_PATH = "/api/v1/availability";

const slotParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** A talent's own availability slots: list, create, update, delete (rules: change-availability.ts). */
export function availabilityRoutes(ctx: Pick<ServiceContext, "config" | "pool" | "clock">): Router {
  const router = Router();
  const authenticate = authenticatorFor(ctx);
  const json = express.json({ limit: "20kb" });

  router
    .route(AVAILABILITY_PATH)
    .get(authenticate, async (_req, res) => {
      sendData(res, await listAvailability(ctx, authenticatedUser(res)));
    })
    .post(authenticate, json, async (req, res) => {
      const body = parseRequest(createAvailabilitySlotBodySchema, req.body, "body");
      const slot = await createAvailabilitySlot(ctx, { user: authenticatedUser(res), body });
      res.setHeader("Location", `${AVAILABILITY_PATH}/${encodeURIComponent(slot.id)}`);
      sendData(res, slot, 201);
    })
    .all(methodNotAllowed(["GET", "POST"]));

  router
    .route(`${AVAILABILITY_PATH}/:id`)
    .patch(authenticate, json, async (req, res) => {
      const { id } = parseRequest(slotParamsSchema, req.params, "path");
      const body = parseRequest(updateAvailabilitySlotBodySchema, req.body, "body");
      sendData(res, await updateAvailabilitySlot(ctx, { user: authenticatedUser(res), slotId: id, body }));
    })
    .delete(authenticate, async (req, res) => {
      const { id } = parseRequest(slotParamsSchema, req.params, "path");
      await deleteAvailabilitySlot(ctx, { user: authenticatedUser(res), slotId: id });
      res.status(204).end();
    })
    .all(methodNotAllowed(["PATCH", "DELETE"]));

  return router;
}
