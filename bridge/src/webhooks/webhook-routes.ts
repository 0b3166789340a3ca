import type { Router } from "express";
import type { ServiceContext } from "../service/service-context.ts";
import { createDeliveryApplier } from "./apply-deliveries.ts";
import { CALCOM_WEBHOOK_PATH, routerFor } from "./create-calcom-webhook-handler.ts";

export { CALCOM_WEBHOOK_PATH };

/**
 * POST /api/v1/webhooks/calcom — Cal.com's webhooks, on the same router TakeOne's own express apps
 * mount (create-calcom-webhook-handler.ts): 401 bad signature, 400 not a Cal.com webhook, 413 too
 * large, 405 other methods, 200 with the outcome once the delivery is committed.
 */
export function webhookRoutes(ctx: Pick<ServiceContext, "config" | "pool" | "clock" | "logger">): Router {
  const secrets = ctx.config.CALCOM_WEBHOOK_SECRET ?? [];
  if (secrets.length === 0) throw new Error("the webhook route needs CALCOM_WEBHOOK_SECRET");
  return routerFor(
    {
      pool: ctx.pool,
      clock: ctx.clock,
      logger: ctx.logger,
      secrets,
      applicationField: ctx.config.CALCOM_APPLICATION_FIELD,
      applier: createDeliveryApplier(ctx),
    },
    ctx.config.WEBHOOK_BODY_LIMIT_BYTES,
  );
}
