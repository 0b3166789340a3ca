import express, { Router } from "express";
import { AppError } from "../http/app-error.ts";
import { sendData } from "../http/envelope.ts";
import { methodNotAllowed } from "../http/handle-errors.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { applyCrmCall } from "./apply-crm-call.ts";
import { crmCallSchema } from "./crm-call-schema.ts";
import { AppSignatureError, verifyAppSignature } from "./verify-app-signature.ts";

export const CALCOM_APP_EVENTS_PATH = "/api/v1/calcom-app/events";

/**
 * POST /api/v1/calcom-app/events — the CRM calls of the `takeone` app inside Cal.com
 * (docs/calcom-app.md): a second, faster channel beside webhooks, folded by the same code.
 * 401 bad signature, 400 not a CRM call, 413 too large, 404 while CALCOM_APP_SECRET is unset.
 * The answer comes after the commit: 200 with the outcome (applied, duplicate, stale, unmapped).
 */
export function calcomAppRoutes(ctx: Pick<ServiceContext, "config" | "pool" | "clock">): Router {
  const router = Router();
  const secrets = ctx.config.CALCOM_APP_SECRET ?? [];

  router
    .route(CALCOM_APP_EVENTS_PATH)
    .post(express.raw({ type: () => true, limit: ctx.config.WEBHOOK_BODY_LIMIT_BYTES }), async (req, res) => {
      if (secrets.length === 0) {
        throw new AppError(
          "NOT_FOUND",
          "The Cal.com app endpoint is off: set CALCOM_APP_SECRET to turn it on.",
        );
      }
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        verifyAppSignature(rawBody, req.headers, secrets);
      } catch (error) {
        if (!(error instanceof AppSignatureError)) throw error;
        req.log.warn({ reason: error.message }, "Cal.com app call refused: bad signature");
        throw new AppError("INVALID_SIGNATURE", error.message);
      }
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString("utf8"));
      } catch {
        throw new AppError("INVALID_JSON", "The body is not valid JSON.");
      }
      const parsed = crmCallSchema.safeParse(json);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        throw new AppError("VALIDATION_FAILED", "The body is not a call of the takeone Cal.com app.", {
          details,
        });
      }
      if (!parsed.data.event.uid && !parsed.data.referenceUid) {
        throw new AppError("VALIDATION_FAILED", "The call names no booking uid.", {
          details: [{ path: "event.uid", message: "required (or referenceUid)" }],
        });
      }
      const result = await applyCrmCall(
        { pool: ctx.pool, clock: ctx.clock, applicationField: ctx.config.CALCOM_APPLICATION_FIELD },
        parsed.data,
      );
      req.log.info({ ...result, type: parsed.data.type }, "Cal.com app call");
      sendData(res, {
        outcome: result.outcome,
        observationId: result.observationId,
        applicationId: result.applicationId,
        bookingId: result.bookingId,
      });
    })
    .all(methodNotAllowed(["POST"]));

  return router;
}
