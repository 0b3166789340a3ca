import express, { Router } from "express";
import { z } from "zod";
import { authenticatedUser, authenticatorFor } from "../auth/index.ts";
import { sendData } from "../http/envelope.ts";
import { methodNotAllowed } from "../http/handle-errors.ts";
import { parseRequest } from "../http/parse-request.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { canSeeBooking } from "./booking-access.ts";
import type { BookingListPage } from "./bookings-schemas.ts";
import {
  createBookingBodySchema,
  listBookingsQuerySchema,
  updateBookingBodySchema,
} from "./bookings-schemas.ts";
import { createBooking } from "./create-booking.ts";
import { deleteBooking } from "./delete-booking.ts";
import { listBookings } from "./list-bookings.ts";
import { bookingNotFound } from "./lock-visible-booking.ts";
import { readBookingView } from "./read-booking-view.ts";
import { updateBooking } from "./update-booking.ts";

export const BOOKINGS_PATH = "/api/v1/bookings";

/** The optional Idempotency-Key header: printable ASCII, as the IETF draft recommends. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, "1 to 200 printable ASCII characters")
  .optional();

const bookingParamsSchema = z.object({ id: z.string().min(1).max(100) });

/**
 * The seed's bookings endpoints (/api/v1/bookings…), behind the bearer-token check (auth/require-user.ts).
 * Handlers only parse, call the capability function and answer; rules live in the use-case files.
 */
export function bookingsRoutes(ctx: Pick<ServiceContext, "config" | "pool" | "clock">): Router {
  const router = Router();
  const authenticate = authenticatorFor(ctx);
  const json = express.json({ limit: "100kb" });

  router
    .route(BOOKINGS_PATH)
    .get(authenticate, async (req, res) => {
      const query = parseRequest(listBookingsQuerySchema, req.query, "query");
      const { bookings, nextCursor } = await listBookings(ctx.pool, {
        user: authenticatedUser(res),
        query,
        now: ctx.clock.now(),
      });
      const page: BookingListPage = { nextCursor };
      res.status(200).json({ success: true, data: bookings, page });
    })
    .post(authenticate, json, async (req, res) => {
      const body = parseRequest(createBookingBodySchema, req.body, "body");
      const idempotencyKey = parseRequest(
        idempotencyKeySchema,
        req.get("idempotency-key"),
        "Idempotency-Key header",
      );
      const { booking, isNew } = await createBooking(ctx, {
        user: authenticatedUser(res),
        body,
        idempotencyKey,
      });
      res.setHeader("Location", `${BOOKINGS_PATH}/${encodeURIComponent(booking.id)}`);
      sendData(res, booking, isNew ? 201 : 200);
    })
    .all(methodNotAllowed(["GET", "POST"]));

  router
    .route(`${BOOKINGS_PATH}/:id`)
    .get(authenticate, async (req, res) => {
      const { id } = parseRequest(bookingParamsSchema, req.params, "path");
      const booking = await readBookingView(ctx.pool, id);
      if (!booking || !canSeeBooking(authenticatedUser(res), booking)) throw bookingNotFound(id);
      sendData(res, booking);
    })
    .patch(authenticate, json, async (req, res) => {
      const { id } = parseRequest(bookingParamsSchema, req.params, "path");
      const body = parseRequest(updateBookingBodySchema, req.body, "body");
      const idempotencyKey = parseRequest(
        idempotencyKeySchema,
        req.get("idempotency-key"),
        "Idempotency-Key header",
      );
      sendData(
        res,
        await updateBooking(ctx, { user: authenticatedUser(res), bookingId: id, body, idempotencyKey }),
      );
    })
    .delete(authenticate, async (req, res) => {
      const { id } = parseRequest(bookingParamsSchema, req.params, "path");
      await deleteBooking(ctx, { user: authenticatedUser(res), bookingId: id });
      res.status(204).end();
    })
    .all(methodNotAllowed(["GET", "PATCH", "DELETE"]));

  return router;
}
