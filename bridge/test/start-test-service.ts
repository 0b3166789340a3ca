import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger, type Logger } from "../src/http/create-logger.ts";
import type { Clock } from "../src/service/service-context.ts";
import { type RunningService, startService } from "../src/service/start-service.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";

export const TEST_WEBHOOK_SECRET = "whk-test-secret-0123456789";
export const TEST_JWT_SECRET = "jwt-test-secret-0123456789abcdef";
export const TEST_EVENTS_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

export interface TestService extends RunningService {
  url: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The real service on port 0 over a database of its own, in this process. `env` overrides the
 * test defaults (set a key to "" to unset it).
 */
export async function startTestService(
  options: { env?: NodeJS.ProcessEnv; isJobsEnabled?: boolean; clock?: Clock; logger?: Logger } = {},
): Promise<TestService> {
  const db = await createTestDatabase();
  const service = await startServiceOn(db, options);
  return {
    ...service,
    db,
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}

/**
 * The real service on port 0 over a database the caller owns (several bridge processes on one
 * database, or one restarted): `stop` stops the service and leaves the database.
 */
export async function startServiceOn(
  db: TestDatabase,
  options: { env?: NodeJS.ProcessEnv; isJobsEnabled?: boolean; clock?: Clock; logger?: Logger } = {},
): Promise<RunningService & { url: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "takeone-test-data-"));
  const service = await startService({
    env: {
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      CALCOM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      TAKEONE_JWT_SECRET: TEST_JWT_SECRET,
      TAKEONE_EVENTS_SECRET: TEST_EVENTS_SECRET,
      ...options.env,
    },
    isJobsEnabled: options.isJobsEnabled ?? false,
    logger: options.logger ?? createLogger({ level: "silent" }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (!service.url) throw new Error("the test service has no HTTP");
  return {
    ...service,
    url: service.url,
    stop: async () => {
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
