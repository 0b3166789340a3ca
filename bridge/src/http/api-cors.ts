import { type RequestHandler, Router } from "express";

const API_PREFIX = "/api/v1/";
/** Cal.com calls the webhook server to server; browsers have no business there. */
const NOT_FOR_BROWSERS = "/api/v1/webhooks/";

/**
 * CORS for the browser-facing API (/api/v1/* except webhooks), for TakeOne screens served from
 * another origin (the plugin's client). Only origins listed in CORS_ORIGINS get the headers; unset,
 * the bridge sends none and browsers keep to same-origin. Tokens travel in the Authorization header,
 * not cookies, so credentials are not allowed.
 */
export function apiCors(allowedOrigins: readonly string[]): Router {
  const router = Router();
  if (allowedOrigins.length === 0) return router;
  const allowed = new Set(allowedOrigins);

  const cors: RequestHandler = (req, res, next) => {
    if (!req.path.startsWith(API_PREFIX) || req.path.startsWith(NOT_FOR_BROWSERS)) return next();
    res.vary("Origin");
    const origin = req.get("origin");
    if (!origin || !allowed.has(origin)) return next();
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Expose-Headers", "Location, X-Request-Id");
    if (req.method === "OPTIONS" && req.get("access-control-request-method")) {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE");
      res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
    next();
  };
  router.use(cors);
  return router;
}
