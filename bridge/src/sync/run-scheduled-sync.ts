import { createCalcomClient } from "../calcom/index.ts";
import type { Env } from "../config/index.ts";
import type { ServiceContext } from "../service/service-context.ts";
import type { SyncReport } from "./apply-calcom-bookings.ts";
import { syncFromCalcomApi } from "./sync-from-calcom-api.ts";
import { syncFromCalcomDatabase } from "./sync-from-calcom-database.ts";

export type SyncSourceKind = "api" | "database";

/**
 * Where reconciliation reads Cal.com: the one asked for, else API v2 when its URL and key are set,
 * else Cal.com's database when CALCOM_DATABASE_URL is; null when neither is configured.
 */
export function chooseSyncSource(config: Env, requested?: SyncSourceKind): SyncSourceKind | null {
  if (requested) return requested;
  if (config.CALCOM_API_URL && config.CALCOM_API_KEY) return "api";
  if (config.CALCOM_DATABASE_URL) return "database";
  return null;
}

/** How far back a scheduled sync looks, by booking start: two days covers a long outage. */
export const SCHEDULED_SYNC_LOOKBACK_MS = 48 * 3_600_000;

/**
 * One scheduled reconciliation: the jobs' `calcom-sync` queue runs it every CALCOM_SYNC_MS (hourly
 * by default) and once at start (jobs/start-jobs.ts). Does nothing when no source is configured;
 * throws on failure so that pg-boss retries the run and logs it.
 */
export async function runScheduledSync(
  ctx: Pick<ServiceContext, "config" | "pool" | "clock" | "logger">,
): Promise<SyncReport | null> {
  const source = chooseSyncSource(ctx.config);
  if (!source) {
    ctx.logger.debug(
      "calcom sync skipped: neither CALCOM_API_URL/CALCOM_API_KEY nor CALCOM_DATABASE_URL is set",
    );
    return null;
  }
  const common = {
    pool: ctx.pool,
    clock: ctx.clock,
    slug: ctx.config.CALCOM_EVENT_TYPE_SLUG,
    applicationField: ctx.config.CALCOM_APPLICATION_FIELD,
    since: new Date(ctx.clock.now().getTime() - SCHEDULED_SYNC_LOOKBACK_MS),
    isDryRun: false,
  };
  const report =
    source === "api"
      ? await syncFromCalcomApi({
          ...common,
          client: createCalcomClient({
            baseUrl: ctx.config.CALCOM_API_URL as string,
            apiKey: ctx.config.CALCOM_API_KEY as string,
            onRetry: (retry) => ctx.logger.warn({ retry }, "Cal.com API v2 request failed; retrying"),
          }),
        })
      : await syncFromCalcomDatabase({
          ...common,
          calcomDatabaseUrl: ctx.config.CALCOM_DATABASE_URL as string,
        });
  ctx.logger.info(
    {
      source,
      bookingsRead: report.bookingsRead,
      bookingsSkipped: report.bookingsSkipped,
      observations: report.observations,
      repaired: report.changes.length,
    },
    report.changes.length > 0
      ? "calcom sync repaired bookings missed by webhooks"
      : "calcom sync: nothing to repair",
  );
  return report;
}
