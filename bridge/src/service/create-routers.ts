import type { Router } from "express";
import { atomsRoutes } from "../atoms/index.ts";
import { availabilityRoutes } from "../availability/index.ts";
import { bookingsRoutes } from "../bookings/bookings-routes.ts";
import { calcomAppRoutes } from "../calcom-app/index.ts";
import { demoAppRoutes } from "../demo-app/index.ts";
import { healthRoutes } from "../health/health-routes.ts";
import { apiCors } from "../http/api-cors.ts";
import { openApiRoutes } from "../openapi/index.ts";
import { webhookRoutes } from "../webhooks/index.ts";
import type { ServiceContext } from "./service-context.ts";

/** The routers of every capability, in the order express tries them. */
export function createRouters(ctx: ServiceContext): Router[] {
  return [
    apiCors(ctx.config.CORS_ORIGINS ?? []),
    healthRoutes(ctx),
    webhookRoutes(ctx),
    bookingsRoutes(ctx),
    availabilityRoutes(ctx),
    openApiRoutes(),
    calcomAppRoutes(ctx),
    atomsRoutes(ctx),
    demoAppRoutes(ctx),
  ];
}
