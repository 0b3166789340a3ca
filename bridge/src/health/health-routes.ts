import { Router } from "express";
import { listPendingMigrations } from "../db/migrations/read-migration-status.ts";
import { AppError } from "../http/app-error.ts";
import { sendData } from "../http/envelope.ts";
import type { ServiceContext } from "../service/service-context.ts";

const READY_QUERY_TIMEOUT_MS = 2_000;

/** GET /healthz: the process answers. GET /readyz: the database answers and is fully migrated. */
export function healthRoutes(ctx: Pick<ServiceContext, "pool" | "migrations">): Router {
  const router = Router();
  // Migrations never un-apply while we run, so once complete the check is only a round trip.
  let isMigrated = false;

  router.get("/healthz", (_req, res) => {
    sendData(res, { status: "ok" });
  });

  router.get("/readyz", async (_req, res) => {
    try {
      await withTimeout(ctx.pool.query("SELECT 1"), READY_QUERY_TIMEOUT_MS);
      if (!isMigrated) {
        const pending = await listPendingMigrations(ctx.pool, ctx.migrations);
        if (pending.length > 0) {
          throw new AppError("NOT_READY", `Migrations not applied: ${pending.join(", ")}.`);
        }
        isMigrated = true;
      }
      sendData(res, { status: "ready" });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("NOT_READY", "The database is not reachable.", { cause: error });
    }
  });

  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
