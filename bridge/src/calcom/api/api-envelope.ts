import { z } from "zod";

/**
 * Cal.com API v2 answers `{"status":"success","data":…}` (facts 4.1, SUCCESS_STATUS) and, through its
 * HttpExceptionFilter, errors as `{"status":"error","timestamp":…,"path":…,"error":{"code":
 * "UnauthorizedException","message":"…"}}` (apps/api/v2/src/filters/http-exception.filter.ts).
 */
export function successEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ status: z.literal("success"), data });
}

export const errorEnvelopeSchema = z.looseObject({
  status: z.literal("error").optional(),
  path: z.string().optional(),
  error: z.looseObject({
    code: z.string().optional(),
    // Usually a string; validation errors of some filters carry an array or an object.
    message: z.unknown().optional(),
    details: z.unknown().optional(),
  }),
});

export type CalcomErrorBody = z.infer<typeof errorEnvelopeSchema>;

/** The `cal-api-version` header each endpoint family needs (facts 4.1–4.4). */
export const CAL_API_VERSION = {
  /** event types: "Not passing the correct value will default to an older version of this endpoint" */
  eventTypes: "2024-06-14",
  bookings: "2024-08-13",
} as const;

/**
 * Pagination block of newer list endpoints (packages/platform/types/pagination/pagination.output.ts).
 * Older Cal.com versions send none; callers then page until a short page.
 */
export const paginationSchema = z.looseObject({
  totalItems: z.number().int().optional(),
  remainingItems: z.number().int().optional(),
  returnedItems: z.number().int().optional(),
  itemsPerPage: z.number().int().optional(),
  currentPage: z.number().int().optional(),
  totalPages: z.number().int().optional(),
  hasNextPage: z.boolean().optional(),
  hasPreviousPage: z.boolean().optional(),
});

export type CalcomPagination = z.infer<typeof paginationSchema>;
