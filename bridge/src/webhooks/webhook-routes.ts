import express, { Router } from "express";
import { AppError } from "../http/app-error.ts";
import { sendData } from "../http/envelope.ts";
import { methodNotAllowed } from "../http/handle-errors.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { ingestCalcomDelivery } from "./ingest-calcom-delivery.ts";
import { CalcomPayloadError } from "./parse-calcom-webhook.ts";
import { CalcomSignatureError, verifyCalcomSignature } from "./verify-calcom-signature.ts";

export const CALCOM_WEBHOOK_PATH = "/api/v1/webhooks/calcom";

/**
 * POST /api/v1/webhooks/calcom — Cal.com's webhooks. The body is read as raw bytes whatever its
 * content type (the signature covers the exact bytes; a JSON parser would lose them), verified,
 * stored, and applied. 401 bad signature, 400 not a Cal.com webhook, 413 too large, 405 other methods.
 */
export function webhookRoutes(ctx: Pick<ServiceContext, "config" | "pool" | "clock" | "logger">): Router {
  const router = Router();
  const secrets = ctx.config.CALCOM_WEBHOOK_SECRET ?? [];
  if (secrets.length === 0) throw new Error("the webhook route needs CALCOM_WEBHOOK_SECRET");

  router
    .route(CALCOM_WEBHOOK_PATH)
    .post(express.raw({ type: () => true, limit: ctx.config.WEBHOOK_BODY_LIMIT_BYTES }), async (req, res) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        verifyCalcomSignature(rawBody, req.get("x-cal-signature-256"), secrets);
      } catch (error) {
        if (!(error instanceof CalcomSignatureError)) throw error;
        req.log.warn({ reason: error.reason }, "webhook refused: bad signature");
        throw new AppError("INVALID_SIGNATURE", error.message);
      }
      try {
        const result = await ingestCalcomDelivery(
          {
            pool: ctx.pool,
            clock: ctx.clock,
            logger: req.log,
            applicationField: ctx.config.CALCOM_APPLICATION_FIELD,
          },
          { rawBody, headers: req.headers, source: "webhook" },
        );
        req.log.info({ ...result }, "webhook delivery");
        sendData(res, result);
      } catch (error) {
        if (error instanceof CalcomPayloadError) throw toHttpError(error);
        throw error;
      }
    })
    .all(methodNotAllowed(["POST"]));

  return router;
}

function toHttpError(error: CalcomPayloadError): AppError {
  switch (error.reason) {
    case "invalid-json":
      return new AppError("INVALID_JSON", error.message);
    case "missing-trigger":
      return new AppError("MISSING_TRIGGER", error.message);
    case "invalid-payload":
      return new AppError("VALIDATION_FAILED", error.message, { details: error.issues });
  }
}
