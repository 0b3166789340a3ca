import { z } from "zod";
import { CAL_API_VERSION, paginationSchema, successEnvelope } from "./api-envelope.ts";
import {
  type CalcomBooking,
  calcomBookingSchema,
  calcomEventTypeSchema,
  calcomMeSchema,
  calcomWebhookSchema,
  type EventTypeInput,
  type WebhookInput,
} from "./calcom-api-schemas.ts";
import { type CalcomClientOptions, createCalcomTransport } from "./create-calcom-transport.ts";

/** Largest page API v2 serves for webhooks (calcom-facts §4.3: `take` default 250). */
const WEBHOOK_PAGE = 250;

export interface ListBookingsQuery {
  /** bookings that start at or after this instant (API v2 `afterStart`) */
  afterStart?: Date;
  eventTypeId?: number;
  take: number;
  skip: number;
}

/**
 * Typed Cal.com API v2: one method per endpoint the bridge uses, each with its `cal-api-version`
 * (calcom-facts §4.1: a missing or wrong version silently selects an older endpoint) and a zod
 * schema of its answer. Errors are AppErrors with CALCOM_* codes (explain-calcom-error.ts).
 */
export function createCalcomClient(options: CalcomClientOptions) {
  const send = createCalcomTransport(options);
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ""),

    /** The API key's user (also the cheapest check that the key and the license are good). */
    async getMe() {
      const answer = await send({ method: "GET", path: "/me", schema: successEnvelope(calcomMeSchema) });
      return answer.data;
    },

    /**
     * The user's event types, hidden ones included when the key is that user's: with `username`
     * (and no eventSlug) API v2 answers every personal event type of that user, as an array
     * (EventTypesService_2024_06_14.getEventTypes, read in Cal.com's source).
     */
    async listEventTypes(username: string) {
      const answer = await send({
        method: "GET",
        path: "/event-types",
        query: { username },
        apiVersion: CAL_API_VERSION.eventTypes,
        schema: successEnvelope(z.array(calcomEventTypeSchema)),
      });
      return answer.data;
    },

    async createEventType(input: EventTypeInput) {
      const answer = await send({
        method: "POST",
        path: "/event-types",
        body: input,
        apiVersion: CAL_API_VERSION.eventTypes,
        schema: successEnvelope(calcomEventTypeSchema),
      });
      return answer.data;
    },

    async updateEventType(id: number, input: Partial<EventTypeInput>) {
      const answer = await send({
        method: "PATCH",
        path: `/event-types/${id}`,
        body: input,
        apiVersion: CAL_API_VERSION.eventTypes,
        schema: successEnvelope(calcomEventTypeSchema),
      });
      return answer.data;
    },

    /** Every webhook subscription of the key's user, all pages. */
    async listWebhooks() {
      const all: z.infer<typeof calcomWebhookSchema>[] = [];
      for (let skip = 0; ; skip += WEBHOOK_PAGE) {
        const answer = await send({
          method: "GET",
          path: "/webhooks",
          query: { take: WEBHOOK_PAGE, skip },
          schema: successEnvelope(z.array(calcomWebhookSchema)),
        });
        all.push(...answer.data);
        if (answer.data.length < WEBHOOK_PAGE) return all;
      }
    },

    async createWebhook(input: WebhookInput) {
      const answer = await send({
        method: "POST",
        path: "/webhooks",
        body: input,
        schema: successEnvelope(calcomWebhookSchema),
      });
      return answer.data;
    },

    async updateWebhook(id: string, input: Partial<WebhookInput>) {
      const answer = await send({
        method: "PATCH",
        path: `/webhooks/${encodeURIComponent(id)}`,
        body: input,
        schema: successEnvelope(calcomWebhookSchema),
      });
      return answer.data;
    },

    /** One booking by uid (calcom-facts §4.4: `GET /v2/bookings/{bookingUid}`). */
    async getBooking(uid: string) {
      const answer = await send({
        method: "GET",
        path: `/bookings/${encodeURIComponent(uid)}`,
        apiVersion: CAL_API_VERSION.bookings,
        schema: successEnvelope(calcomBookingSchema),
      });
      return answer.data;
    },

    /**
     * Cancels a booking (calcom-facts §4.4: body `{cancellationReason?}`; hosts need a reason).
     * A POST: not repeated after a 5xx or a timeout (the caller's job decides, isRetryableCalcomError).
     */
    async cancelBooking(uid: string, input: { cancellationReason: string }) {
      const answer = await send({
        method: "POST",
        path: `/bookings/${encodeURIComponent(uid)}/cancel`,
        body: input,
        apiVersion: CAL_API_VERSION.bookings,
        schema: successEnvelope(calcomBookingSchema),
      });
      return answer.data;
    },

    /**
     * Moves a booking to a new start. Cal.com makes a NEW booking (new uid, `rescheduledFromUid` =
     * this one) and cancels this one (§4.4); only accepted and pending bookings can move (else 400).
     */
    async rescheduleBooking(
      uid: string,
      input: { start: Date; rescheduledBy?: string; reschedulingReason?: string },
    ) {
      const answer = await send({
        method: "POST",
        path: `/bookings/${encodeURIComponent(uid)}/reschedule`,
        body: { ...input, start: input.start.toISOString() },
        apiVersion: CAL_API_VERSION.bookings,
        schema: successEnvelope(calcomBookingSchema),
      });
      return answer.data;
    },

    /**
     * One page of bookings. `hasMore` comes from the pagination block of newer versions, else from a
     * full page (older versions send no pagination).
     */
    async listBookings(query: ListBookingsQuery): Promise<{ bookings: CalcomBooking[]; hasMore: boolean }> {
      const answer = await send({
        method: "GET",
        path: "/bookings",
        query: {
          take: query.take,
          skip: query.skip,
          afterStart: query.afterStart?.toISOString(),
          eventTypeId: query.eventTypeId,
        },
        apiVersion: CAL_API_VERSION.bookings,
        schema: z.looseObject({
          status: z.literal("success"),
          data: z.array(calcomBookingSchema),
          pagination: paginationSchema.optional(),
        }),
      });
      const hasMore = answer.pagination?.hasNextPage ?? answer.data.length >= query.take;
      return { bookings: answer.data, hasMore };
    },
  };
}

export type CalcomClient = ReturnType<typeof createCalcomClient>;
