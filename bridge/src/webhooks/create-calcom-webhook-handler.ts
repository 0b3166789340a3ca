import express, {
  type ErrorRequestHandler,
  type Request as ExpressRequest,
  type Response as ExpressResponse,
  Router,
} from "express";
import pg from "pg";
import { createPool } from "../db/create-pool.ts";
import { createLogger, type Logger } from "../http/create-logger.ts";
import type { Clock } from "../service/service-context.ts";
import {
  answerCalcomWebhook,
  type CalcomWebhookAnswer,
  type CalcomWebhookDeps,
} from "./answer-calcom-webhook.ts";
import { createDeliveryApplier } from "./apply-deliveries.ts";

/** The path the bridge serves Cal.com's webhooks on. */
export const CALCOM_WEBHOOK_PATH = "/api/v1/webhooks/calcom";

export interface CalcomWebhookHandlerOptions {
  /** the database holding the bridge's tables (migrated): a PostgreSQL URL, or a pg pool you own */
  database: string | pg.Pool;
  /** the webhook secret, or several during a rotation (an array, or comma-separated) */
  secrets: string | readonly string[];
  /** the Cal.com booking field carrying the application id (default `applicationId`) */
  applicationField?: string;
  /** the largest body accepted, in bytes (default 1 MiB) */
  bodyLimitBytes?: number;
  /** a pino logger (default: warnings and errors to stdout) */
  logger?: Logger;
  clock?: Clock;
}

/** A web-standard handler: `export const POST = createCalcomWebhookHandler({ … })`. */
export interface CalcomWebhookHandler {
  (request: Request): Promise<Response>;
  /** closes the pool if the handler opened it (a URL was given) */
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Cal.com's webhooks as a `Request` → `Response` function, for a Next.js App Router route, Hono,
 * Bun or Deno. Same code path as the bridge service (answer-calcom-webhook.ts): the delivery is
 * verified, committed to the delivery log with its booking change, and answered with its outcome.
 * Nothing global: each handler holds its own options and pool.
 */
export function createCalcomWebhookHandler(options: CalcomWebhookHandlerOptions): CalcomWebhookHandler {
  const { deps, close } = depsOf(options);
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const handler = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const rawBody =
      request.method.toUpperCase() === "POST" && request.body
        ? await readLimited(request.body, limit, headers["content-length"])
        : Buffer.alloc(0);
    return toResponse(await answerCalcomWebhook(deps, { method: request.method, rawBody, headers }));
  };
  return Object.assign(handler, { close });
}

/**
 * The same as an express router, for an existing express app: `app.use(calcomWebhookRouter({ … }))`.
 * Mount it before any body parser (it needs the exact bytes). It answers every request to `path`
 * itself, errors included, so the host app's error handler never changes what Cal.com sees.
 */
export function calcomWebhookRouter(
  options: CalcomWebhookHandlerOptions & { path?: string },
): Router & { close(): Promise<void> } {
  const { deps, close } = depsOf(options);
  return Object.assign(routerFor(deps, options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT, options.path), {
    close,
  });
}

/** The router on dependencies the caller already has (the bridge service's own context). */
export function routerFor(
  deps: CalcomWebhookDeps,
  bodyLimitBytes: number,
  path = CALCOM_WEBHOOK_PATH,
): Router {
  const router = Router();
  // Raw bytes whatever the content type: the signature covers the exact body.
  router.post(path, express.raw({ type: () => true, limit: bodyLimitBytes }));
  const answer = async (req: ExpressRequest, res: ExpressResponse, rawBody: Buffer | "too-large") =>
    send(
      res,
      await answerCalcomWebhook(withRequestLogger(deps, req), {
        method: req.method,
        rawBody,
        headers: req.headers,
      }),
    );
  router.all(path, async (req: ExpressRequest, res: ExpressResponse) => {
    if (req.method.toUpperCase() === "POST" && !Buffer.isBuffer(req.body)) {
      throw new Error("the Cal.com webhook router needs the raw body: mount it before any body parser");
    }
    await answer(req, res, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  });
  // The body reader's own refusals answer like the rest, not through the host app's error handler.
  const bodyErrors: ErrorRequestHandler = async (error, req, res, next) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type !== "entity.too.large" && type !== "request.aborted" && type !== "request.size.invalid") {
      next(error);
      return;
    }
    await answer(req, res, type === "entity.too.large" ? "too-large" : Buffer.alloc(0));
  };
  router.use(path, bodyErrors);
  return router;
}

function withRequestLogger(deps: CalcomWebhookDeps, req: ExpressRequest): CalcomWebhookDeps {
  const log = (req as { log?: Logger }).log;
  return log ? { ...deps, logger: log } : deps;
}

function send(res: ExpressResponse, answer: CalcomWebhookAnswer): void {
  res.status(answer.status).set(answer.headers).json(answer.body);
}

function depsOf(options: CalcomWebhookHandlerOptions): { deps: CalcomWebhookDeps; close(): Promise<void> } {
  const secrets = (typeof options.secrets === "string" ? options.secrets.split(",") : [...options.secrets])
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  if (secrets.length === 0) throw new Error("createCalcomWebhookHandler needs at least one webhook secret");
  const ownsPool = typeof options.database === "string";
  const pool =
    typeof options.database === "string"
      ? createPool({ connectionString: options.database })
      : options.database;
  if (!(pool instanceof pg.Pool) && typeof (pool as { query?: unknown }).query !== "function") {
    throw new Error("database must be a PostgreSQL URL or a pg Pool");
  }
  const clock = options.clock ?? { now: () => new Date() };
  const logger = options.logger ?? createLogger({ level: "warn" });
  return {
    deps: {
      pool,
      secrets,
      clock,
      logger,
      applicationField: options.applicationField ?? "applicationId",
      applier: createDeliveryApplier({ pool, clock, logger }),
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
}

/**
 * Reads a body up to `limit` bytes. Over the limit — announced by Content-Length or found while
 * reading — it stops and reports "too-large" instead of buffering an attacker's gigabytes.
 */
async function readLimited(
  stream: AsyncIterable<Uint8Array>,
  limit: number,
  contentLength: string | undefined,
): Promise<Buffer | "too-large"> {
  if (contentLength !== undefined && Number(contentLength) > limit) return "too-large";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > limit) return "too-large";
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}

function toResponse(answer: CalcomWebhookAnswer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { "content-type": "application/json; charset=utf-8", ...answer.headers },
  });
}
