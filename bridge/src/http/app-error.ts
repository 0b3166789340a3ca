/**
 * Every error the bridge answers with has a code; this table is the one place that gives each
 * code its HTTP status. Messages are for the person reading the response; internal details go to
 * the log through `cause`, never to the client.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  MISSING_TRIGGER: 400,
  UNAUTHENTICATED: 401,
  INVALID_SIGNATURE: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  /** POST /api/v1/bookings for an application whose booking is still active */
  BOOKING_EXISTS: 409,
  /** a booking change its status does not allow (confirming a cancelled booking…) */
  INVALID_TRANSITION: 409,
  /** an availability slot overlapping another active slot of the talent */
  SLOT_OVERLAP: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  /** a booking (re)scheduled to a time that has passed */
  SCHEDULED_IN_PAST: 422,
  INTERNAL: 500,
  UPSTREAM_FAILED: 502,
  NOT_READY: 503,
  // Cal.com API v2 failures (calcom/api): what Cal.com refused or could not do, for the CLI and jobs.
  CALCOM_AUTH_FAILED: 502,
  CALCOM_NOT_FOUND: 502,
  CALCOM_REJECTED: 502,
  CALCOM_BAD_RESPONSE: 502,
  CALCOM_UNAVAILABLE: 503,
  // Cal.com OAuth for the atoms (atoms/)
  /** the atoms' token endpoints while CALCOM_OAUTH_* is not configured */
  CALCOM_OAUTH_OFF: 404,
  /** the user has not connected a Cal.com account (or Cal.com refused its refresh token) */
  CALCOM_NOT_CONNECTED: 409,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorOptions {
  /** machine-readable specifics for the client (e.g. which fields failed validation) */
  details?: unknown;
  /** the underlying error, logged, never sent */
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
