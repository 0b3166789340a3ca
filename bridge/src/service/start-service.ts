import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { applyDevSecrets, type Env, loadConfig } from "../config/index.ts";
import { createPool } from "../db/create-pool.ts";
import { createPrisma } from "../db/create-prisma.ts";
import { applyMigrations } from "../db/migrations/apply-migrations.ts";
import { readMigrationFiles } from "../db/migrations/read-migration-files.ts";
import { type OpenDatabaseResult, openDatabase } from "../db/open-database.ts";
import { createApp } from "../http/create-app.ts";
import { createLogger, type Logger } from "../http/create-logger.ts";
import { startJobs } from "../jobs/index.ts";
import { claimDataDir } from "./claim-data-dir.ts";
import { createRouters } from "./create-routers.ts";
import { type Clock, type ServiceContext, systemClock } from "./service-context.ts";

export interface StartServiceOptions {
  env?: NodeJS.ProcessEnv;
  /** serve HTTP (default true); `takeone-cal worker` runs jobs only */
  isHttpEnabled?: boolean;
  /** run background jobs (default true); `takeone-cal serve --no-jobs` serves HTTP only */
  isJobsEnabled?: boolean;
  logger?: Logger;
  clock?: Clock;
  /** printed for a person starting the bridge by hand */
  onBanner?: (text: string) => void;
}

export interface RunningService {
  ctx: ServiceContext;
  /** http://127.0.0.1:<port>, when HTTP is enabled */
  url?: string;
  database: OpenDatabaseResult;
  /** stops taking requests, lets in-flight ones finish, stops jobs, closes the pool and the embedded server */
  stop(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;

export async function startService(options: StartServiceOptions = {}): Promise<RunningService> {
  let config: Env = loadConfig(options.env);
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, "shutdown step failed"));
    }
  };

  try {
    let secretsNote: string | undefined;
    if (config.NODE_ENV !== "production") {
      const dev = await applyDevSecrets(config);
      config = dev.config;
      if (dev.used.length > 0) secretsNote = dev.file;
    }

    if (!config.DATABASE_URL) {
      const claim = await claimDataDir(config.DATA_DIR);
      cleanups.push(() => claim.release());
    }
    const database = await openDatabase(config, (message) => logger.info(message));
    if (database.embedded) {
      const embedded = database.embedded;
      cleanups.push(() => embedded.stop());
    }

    const migrations = await readMigrationFiles();
    const migrated = await applyMigrations({
      databaseUrl: database.url,
      migrations,
      onProgress: (message) => logger.info(message),
    });
    logger.info({ applied: migrated.applied.length, total: migrations.length }, "database migrated");

    const pool = createPool({ connectionString: database.url });
    const prisma = createPrisma(pool);
    cleanups.push(async () => {
      await prisma.$disconnect();
      await pool.end();
    });
    const ctx: ServiceContext = {
      config,
      logger,
      pool,
      prisma,
      clock: options.clock ?? systemClock,
      migrations,
    };

    if (options.isJobsEnabled !== false) {
      const jobs = await startJobs(ctx, { databaseUrl: database.url });
      cleanups.push(() => jobs.stop());
    }

    let url: string | undefined;
    if (options.isHttpEnabled !== false) {
      const app = createApp({ logger, routers: createRouters(ctx) });
      const server = await listen(app, config.PORT, config.HTTP_REQUEST_TIMEOUT_MS);
      cleanups.push(() => closeServer(server));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    options.onBanner?.(bannerText({ config, url, database, secretsNote }));
    return {
      ctx,
      url,
      database,
      stop: async () => {
        logger.info("shutting down");
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function listen(app: ReturnType<typeof createApp>, port: number, requestTimeoutMs: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Slow-loris: a sender trickling headers or a body holds a socket; Node's defaults allow 60 s
    // for headers and 300 s for the request, checked every 30 s. Cal.com sends a few KiB at once.
    const server = createServer(
      {
        requestTimeout: requestTimeoutMs,
        headersTimeout: Math.max(100, Math.floor(requestTimeoutMs / 3)),
        connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeoutMs / 4))),
      },
      app,
    );
    server.once("listening", () => resolve(server));
    server.once("error", reject);
    server.listen(port);
  });
}

/** Stop accepting connections; wait for in-flight requests (at most DRAIN_TIMEOUT_MS), then cut the rest. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function bannerText(args: {
  config: Env;
  url?: string;
  database: OpenDatabaseResult;
  secretsNote?: string;
}): string {
  const { config, url, database, secretsNote } = args;
  const lines = ["", "TakeOne × Cal.com bridge"];
  if (url) {
    lines.push(`  listening        ${url}   (health: ${url}/readyz)`);
    lines.push(`  Cal.com webhook  ${url}/api/v1/webhooks/calcom`);
  }
  lines.push(
    database.embedded
      ? `  database         embedded PostgreSQL ${database.url}\n                   (data in ${database.embedded.dataDir})`
      : "  database         DATABASE_URL",
  );
  if (secretsNote) {
    lines.push(
      `  dev secrets      ${secretsNote}`,
      "                   In Cal.com: Settings → Developer → Webhooks → New, Subscriber URL as above,",
      `                   Secret = CALCOM_WEBHOOK_SECRET from that file (or set CALCOM_WEBHOOK_SECRET).`,
    );
  }
  lines.push(`  Cal.com origin   ${config.CALCOM_URL}`, "");
  return lines.join("\n");
}
