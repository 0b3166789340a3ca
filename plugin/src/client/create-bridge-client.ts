// A typed client of the bridge's REST API (ARCHITECTURE.md "HTTP"). Bodies are checked with the
// bridge's own zod schemas from @takeone/calcom-bridge/contract, so client and server cannot drift.
// Failures come back as values (`{ ok: false, error }`), never as thrown exceptions.
import {
  type Booking,
  bookingListResponseSchema,
  bookingSchema,
  type listBookingsQuerySchema,
  type UpdateBookingBody,
} from "@takeone/calcom-bridge/contract";
import { z } from "zod";

/** GET /api/v1/bookings parameters, as the bridge's query schema accepts them. */
export type ListBookingsParams = z.input<typeof listBookingsQuerySchema>;

/**
 * Why a call failed: the bridge's own error code (UNAUTHENTICATED, NOT_FOUND, VALIDATION_FAILED, …),
 * or NETWORK_ERROR (no answer) / INVALID_RESPONSE (an answer the contract does not describe).
 */
export interface BridgeError {
  readonly code: string;
  readonly message: string;
  /** HTTP status, null when there was no answer */
  readonly status: number | null;
  readonly details?: unknown;
}

export type BridgeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: BridgeError };

export interface BookingPage {
  readonly bookings: Booking[];
  /** pass as `cursor` for the next page; null on the last one */
  readonly nextCursor: string | null;
}

export interface BridgeClientOptions {
  /** Where the bridge answers, e.g. "https://bridge.takeone.example" (paths start with /api/v1). */
  readonly baseUrl: string;
  /** The viewer's TakeOne JWT, asked for before every request (so a refreshed token is used). */
  readonly getToken: () => string | null | Promise<string | null>;
  /** Sent as Accept-Language so the bridge can word its error messages for the viewer. */
  readonly locale?: string;
  /** For tests and server rendering; default the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface BridgeClient {
  listBookings(params?: ListBookingsParams): Promise<BridgeResult<BookingPage>>;
  getBooking(id: string): Promise<BridgeResult<Booking>>;
  updateBooking(id: string, body: UpdateBookingBody): Promise<BridgeResult<Booking>>;
  /** PATCH status "cancelled" with the reason: both sides are told by the bridge. */
  cancelBooking(id: string, reason: string): Promise<BridgeResult<Booking>>;
}

const bookingResponseSchema = z.object({ success: z.literal(true), data: bookingSchema });
const errorResponseSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function createBridgeClient(options: BridgeClientOptions): BridgeClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<BridgeResult<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.locale) headers["accept-language"] = options.locale;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      const token = await options.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      return failure("NETWORK_ERROR", cause instanceof Error ? cause.message : String(cause), null);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return failure("INVALID_RESPONSE", `HTTP ${response.status} without a JSON body`, response.status);
    }
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(json);
      return parsed.success
        ? { ok: false, error: { ...parsed.data.error, status: response.status } }
        : failure("INVALID_RESPONSE", `HTTP ${response.status} without the error envelope`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return failure("INVALID_RESPONSE", "the answer does not match the bridge contract", response.status, {
        issues: parsed.error.issues,
      });
    }
    return { ok: true, value: parsed.data };
  }

  const updateBooking = async (id: string, body: UpdateBookingBody) => {
    const result = await call(
      "PATCH",
      `/api/v1/bookings/${encodeURIComponent(id)}`,
      bookingResponseSchema,
      body,
    );
    return result.ok ? { ok: true as const, value: result.value.data } : result;
  };

  return {
    async listBookings(params = {}) {
      const result = await call("GET", `/api/v1/bookings${toQuery(params)}`, bookingListResponseSchema);
      return result.ok
        ? { ok: true, value: { bookings: result.value.data, nextCursor: result.value.page.nextCursor } }
        : result;
    },
    async getBooking(id) {
      const result = await call("GET", `/api/v1/bookings/${encodeURIComponent(id)}`, bookingResponseSchema);
      return result.ok ? { ok: true, value: result.value.data } : result;
    },
    updateBooking,
    cancelBooking: (id, reason) => updateBooking(id, { status: "cancelled", cancellationReason: reason }),
  };
}

function failure(
  code: string,
  message: string,
  status: number | null,
  details?: unknown,
): BridgeResult<never> {
  return { ok: false, error: { code, message, status, ...(details === undefined ? {} : { details }) } };
}

/** `status` arrays repeat the parameter (the bridge also accepts comma lists). */
function toQuery(params: ListBookingsParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
