import type { Router } from "express";
import { calcomAppRoutes } from "../calcom-app/index.ts";
import { healthRoutes } from "../health/health-routes.ts";
import { webhookRoutes } from "../webhooks/index.ts";
import type { ServiceContext } from "./service-context.ts";

/** The routers of every capability, in the order express tries them. */
export function createRouters(ctx: ServiceContext): Router[] {
  return [healthRoutes(ctx), webhookRoutes(ctx), calcomAppRoutes(ctx)];
}
