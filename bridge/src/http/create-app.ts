import { randomUUID } from "node:crypto";
import express, { type Express, type Router } from "express";
import { pinoHttp } from "pino-http";
import { type Logger, redactUrl } from "./create-logger.ts";
import { handleErrors, notFound } from "./handle-errors.ts";

const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * The express app: request logging, the capabilities' routers (each parses its own body: webhooks
 * need the raw bytes), then 404 and the one error middleware.
 */
export function createApp(options: { logger: Logger; routers: Router[] }): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? "") },
      // The OAuth callback's code and state (and any token in a query) never reach the log.
      serializers: {
        req: (req: { url?: string; query?: unknown }) => ({
          ...req,
          url: redactUrl(req.url),
          query: undefined,
        }),
      },
      customLogLevel: (_req, res, error) => {
        if (error || res.statusCode >= 500) return "error";
        if (res.statusCode >= 400) return "warn";
        return "info";
      },
    }),
  );
  for (const router of options.routers) app.use(router);
  app.use(notFound);
  app.use(handleErrors);
  return app;
}
