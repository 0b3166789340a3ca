import type pg from "pg";
import { AppError } from "../http/app-error.ts";
import type { Logger } from "../http/create-logger.ts";
import type { Envelope } from "../http/envelope.ts";
import { toAppError } from "../http/handle-errors.ts";
import type { Clock } from "../service/service-context.ts";
import type { DeliveryApplier } from "./apply-deliveries.ts";
import { type IngestResult, ingestCalcomDelivery } from "./ingest-calcom-delivery.ts";
import { CalcomPayloadError } from "./parse-calcom-webhook.ts";
import { CalcomSignatureError, verifyCalcomSignature } from "./verify-calcom-signature.ts";

export interface CalcomWebhookDeps {
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  /** every secret Cal.com may sign with (several during a rotation) */
  secrets: readonly string[];
  /** the booking field carrying the application id */
  applicationField: string;
  /** stores and applies deliveries (createDeliveryApplier: one per pool, shared by every request) */
  applier: DeliveryApplier;
}

export interface CalcomWebhookRequest {
  method: string;
  /** the exact bytes received, or "too-large" when the body passed the limit (then it was not read on) */
  rawBody: Buffer | "too-large";
  /** lower-cased names */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface CalcomWebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: Envelope<IngestResult>;
}

/**
 * The one code path of a Cal.com webhook, from request to answer, whatever carries it: the bridge's
 * express route, the web-standard handler (a Next.js route, Hono, Bun, Deno), or an express router
 * mounted in another app. Adapters only move bytes in and out, so the behaviour is the same
 * everywhere: 405 other methods, 413 over the limit, 401 unless signed with a configured secret,
 * 400 unreadable, 200 with the outcome once the delivery is committed, 503 when the database is
 * unreachable. Never a 500 for anything a sender can put in a request.
 */
export async function answerCalcomWebhook(
  deps: CalcomWebhookDeps,
  request: CalcomWebhookRequest,
): Promise<CalcomWebhookAnswer> {
  try {
    if (request.method.toUpperCase() !== "POST") {
      return failure(new AppError("METHOD_NOT_ALLOWED", `${request.method} is not allowed here; use POST.`), {
        allow: "POST",
      });
    }
    if (request.rawBody === "too-large") {
      return failure(new AppError("BODY_TOO_LARGE", "The request body is larger than allowed."));
    }
    const rawBody = request.rawBody;
    try {
      const signature = request.headers["x-cal-signature-256"];
      verifyCalcomSignature(rawBody, Array.isArray(signature) ? signature[0] : signature, deps.secrets);
    } catch (error) {
      if (!(error instanceof CalcomSignatureError)) throw error;
      deps.logger.warn({ reason: error.reason }, "webhook refused: bad signature");
      return failure(new AppError("INVALID_SIGNATURE", error.message));
    }
    const result = await ingestCalcomDelivery(deps, { rawBody, headers: request.headers, source: "webhook" });
    deps.logger.info({ ...result }, "webhook delivery");
    return { status: 200, headers: {}, body: { success: true, data: result } };
  } catch (error) {
    if (error instanceof CalcomPayloadError) return failure(payloadError(error));
    const appError = toAppError(error);
    deps.logger.error({ err: error }, "webhook failed");
    return failure(appError);
  }
}

function failure(error: AppError, headers: Record<string, string> = {}): CalcomWebhookAnswer {
  return {
    status: error.status,
    headers,
    body: {
      success: false,
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    },
  };
}

function payloadError(error: CalcomPayloadError): AppError {
  switch (error.reason) {
    case "invalid-json":
      return new AppError("INVALID_JSON", error.message);
    case "missing-trigger":
      return new AppError("MISSING_TRIGGER", error.message);
    case "invalid-payload":
      return new AppError("VALIDATION_FAILED", error.message, { details: error.issues });
  }
}
