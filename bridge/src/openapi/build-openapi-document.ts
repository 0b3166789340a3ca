import { z } from "zod";
import {
  availabilitySlotSchema,
  createAvailabilitySlotBodySchema,
  updateAvailabilitySlotBodySchema,
} from "../availability/availability-schemas.ts";
import { AVAILABILITY_PATH } from "../availability/index.ts";
import { bookingSchema } from "../bookings/booking-schema.ts";
import { BOOKINGS_PATH } from "../bookings/bookings-routes.ts";
import {
  bookingListResponseSchema,
  createBookingBodySchema,
  listBookingsQuerySchema,
  updateBookingBodySchema,
} from "../bookings/bookings-schemas.ts";
import { ERROR_STATUS, type ErrorCode } from "../http/app-error.ts";

export const OPENAPI_PATH = "/api/v1/openapi.json";

const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    /** for VALIDATION_FAILED: [{path, message}] per field; otherwise specifics of the code */
    details: z.unknown().optional(),
  }),
});

const dataEnvelope = (schema: z.ZodType) => z.object({ success: z.literal(true), data: schema });

/** One JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) from a zod schema, as a request or a response. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // Refinements (IANA zones, start < end) are not expressible; the text of each field says them.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });
const errorResponse = (description: string) => ({ description, content: json("Error") });

const AUTH_ERRORS = {
  "401": errorResponse("Missing, invalid or expired token, or unknown user (UNAUTHENTICATED)"),
};
const idParameter = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: what,
});
const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,200}$" },
  description: "Repeat a request safely: the same key (per user) returns what the first request made.",
};

/**
 * The OpenAPI 3.1 document of the bridge's REST API, generated from the same zod schemas the
 * routes validate with (no hand-written schema). Served at GET /api/v1/openapi.json.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  const listQuery = jsonSchema(listBookingsQuerySchema, "input") as {
    properties: Record<string, Record<string, unknown>>;
  };
  const queryParameters = Object.entries(listQuery.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    schema,
    ...(name === "status" ? { style: "form", explode: true } : {}),
  }));

  return {
    openapi: "3.1.0",
    info: {
      title: "TakeOne × Cal.com bridge API",
      version: "1",
      description:
        "Audition bookings and talent availability. Every JSON answer is {success:true,data} or {success:false,error:{code,message,details?}}.",
    },
    security: [{ bearerAuth: [] }],
    paths: {
      [BOOKINGS_PATH]: {
        get: {
          operationId: "listBookings",
          summary: "Bookings where you are the talent or the caster (admins: all), by scheduledAt, in pages",
          parameters: queryParameters,
          responses: {
            "200": {
              description: "One page; pass page.nextCursor as cursor for the next",
              content: json("BookingList"),
            },
            "400": errorResponse("Invalid query (VALIDATION_FAILED)"),
            ...AUTH_ERRORS,
          },
        },
        post: {
          operationId: "createBooking",
          summary: "Book the audition of an application (the caster of its casting call, or an admin)",
          parameters: [idempotencyKeyParameter],
          requestBody: { required: true, content: json("CreateBookingBody") },
          responses: {
            "201": { description: "Booked", content: json("BookingEnvelope") },
            "200": {
              description: "The same Idempotency-Key again: what the first request booked",
              content: json("BookingEnvelope"),
            },
            "400": errorResponse("Invalid body (VALIDATION_FAILED, INVALID_JSON)"),
            ...AUTH_ERRORS,
            "403": errorResponse("A talent cannot book (FORBIDDEN)"),
            "404": errorResponse("No such application among your casting calls (NOT_FOUND)"),
            "409": errorResponse("The application has an active booking (BOOKING_EXISTS)"),
            "422": errorResponse("scheduledAt has passed (SCHEDULED_IN_PAST)"),
          },
        },
      },
      [`${BOOKINGS_PATH}/{id}`]: {
        parameters: [idParameter("booking id")],
        get: {
          operationId: "getBooking",
          summary: "One booking (its talent, its caster, or an admin; 404 for anyone else)",
          responses: {
            "200": { description: "The booking", content: json("BookingEnvelope") },
            ...AUTH_ERRORS,
            "404": errorResponse("NOT_FOUND"),
          },
        },
        patch: {
          operationId: "updateBooking",
          summary: "Reschedule, cancel, confirm, change the meeting, or write notes",
          parameters: [idempotencyKeyParameter],
          requestBody: { required: true, content: json("UpdateBookingBody") },
          responses: {
            "200": { description: "The booking after the change", content: json("BookingEnvelope") },
            "400": errorResponse("Invalid body (VALIDATION_FAILED, INVALID_JSON)"),
            ...AUTH_ERRORS,
            "403": errorResponse(
              "Not yours to change: confirm is the talent's, time and meeting the caster's (FORBIDDEN)",
            ),
            "404": errorResponse("NOT_FOUND"),
            "409": errorResponse("The booking's status does not allow it (INVALID_TRANSITION)"),
            "422": errorResponse(
              "Two state changes at once (UNPROCESSABLE) or a time that has passed (SCHEDULED_IN_PAST)",
            ),
          },
        },
        delete: {
          operationId: "deleteBooking",
          summary: "Delete the booking for good (its caster, or an admin)",
          responses: {
            "204": { description: "Deleted" },
            ...AUTH_ERRORS,
            "403": errorResponse("FORBIDDEN"),
            "404": errorResponse("NOT_FOUND"),
          },
        },
      },
      [AVAILABILITY_PATH]: {
        get: {
          operationId: "listAvailability",
          summary: "Your availability slots (talents only)",
          responses: {
            "200": { description: "Your slots", content: json("AvailabilitySlotList") },
            ...AUTH_ERRORS,
            "403": errorResponse("Not a talent (FORBIDDEN)"),
          },
        },
        post: {
          operationId: "createAvailabilitySlot",
          summary: "Add a weekly (dayOfWeek) or one-off (specificDate) slot",
          requestBody: { required: true, content: json("CreateAvailabilitySlotBody") },
          responses: {
            "201": { description: "Created", content: json("AvailabilitySlotEnvelope") },
            "400": errorResponse("Invalid body (VALIDATION_FAILED)"),
            ...AUTH_ERRORS,
            "403": errorResponse("Not a talent (FORBIDDEN)"),
            "409": errorResponse("Overlaps another active slot (SLOT_OVERLAP)"),
          },
        },
      },
      [`${AVAILABILITY_PATH}/{id}`]: {
        parameters: [idParameter("slot id")],
        patch: {
          operationId: "updateAvailabilitySlot",
          summary: "Change a slot; the result is checked as a whole",
          requestBody: { required: true, content: json("UpdateAvailabilitySlotBody") },
          responses: {
            "200": { description: "The slot after the change", content: json("AvailabilitySlotEnvelope") },
            "400": errorResponse("VALIDATION_FAILED"),
            ...AUTH_ERRORS,
            "403": errorResponse("FORBIDDEN"),
            "404": errorResponse("NOT_FOUND"),
            "409": errorResponse("SLOT_OVERLAP"),
          },
        },
        delete: {
          operationId: "deleteAvailabilitySlot",
          summary: "Remove a slot",
          responses: {
            "204": { description: "Deleted" },
            ...AUTH_ERRORS,
            "403": errorResponse("FORBIDDEN"),
            "404": errorResponse("NOT_FOUND"),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A TakeOne user token: sub = User.id, exp required; HS256 (TAKEONE_JWT_SECRET) or RS256 (TAKEONE_JWKS_URL).",
        },
      },
      schemas: {
        Booking: jsonSchema(bookingSchema, "output"),
        BookingEnvelope: jsonSchema(dataEnvelope(bookingSchema), "output"),
        BookingList: jsonSchema(bookingListResponseSchema, "output"),
        CreateBookingBody: jsonSchema(createBookingBodySchema, "input"),
        UpdateBookingBody: jsonSchema(updateBookingBodySchema, "input"),
        AvailabilitySlot: jsonSchema(availabilitySlotSchema, "output"),
        AvailabilitySlotEnvelope: jsonSchema(dataEnvelope(availabilitySlotSchema), "output"),
        AvailabilitySlotList: jsonSchema(dataEnvelope(z.array(availabilitySlotSchema)), "output"),
        CreateAvailabilitySlotBody: jsonSchema(createAvailabilitySlotBodySchema, "input"),
        UpdateAvailabilitySlotBody: jsonSchema(updateAvailabilitySlotBodySchema, "input"),
        Error: jsonSchema(errorEnvelopeSchema, "output"),
      },
    },
  };
}
