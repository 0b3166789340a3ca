import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
import { mintAccessToken } from "../auth/index.ts";
import { insertDemoData } from "../demo/insert-demo-data.ts";
import { AppError } from "../http/app-error.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { readDemoPeople } from "./read-demo-people.ts";

/** The plugin's demo build, from bridge/src/demo-app or bridge/dist/demo-app alike. */
export const DEFAULT_DEMO_APP_DIR = fileURLToPath(new URL("../../../plugin/demo/dist/", import.meta.url));

/** How long a demo sign-in token lives: reloading the page mints new ones. */
const DEMO_TOKEN_TTL = "12h";
/** How long the embed waits for Cal.com's linkReady before "Cal.com not reachable at …" (plugin default: 20 s). */
const DEMO_CALCOM_TIMEOUT_MS = 10_000;

/**
 * Outside production: the plugin's demo app (built by `npm install`) at `/`, and
 * `GET /demo-config.json`, the dev sign-in it reads — the demo users of `takeone-cal demo-data`
 * (inserted on the way, idempotently) each with a freshly minted access token, the Cal.com origin
 * (CALCOM_URL) and the calLink (DEMO_CALCOM_LINK). In production neither exists: the config answers
 * 403 FORBIDDEN, since minting tokens for anyone who asks must never be reachable there.
 */
export function demoAppRoutes(ctx: Pick<ServiceContext, "config" | "pool">): Router {
  const router = Router();
  const { config } = ctx;
  const isProduction = config.NODE_ENV === "production";

  router.get("/demo-config.json", async (_req, res) => {
    if (isProduction) {
      throw new AppError("FORBIDDEN", "The demo sign-in (dev tokens) is not served in production.");
    }
    const secret = config.TAKEONE_JWT_SECRET;
    if (!secret) {
      throw new AppError(
        "FORBIDDEN",
        "The demo sign-in needs TAKEONE_JWT_SECRET: with TAKEONE_JWKS_URL only, the bridge cannot mint tokens.",
      );
    }
    await insertDemoData(ctx.pool);
    const people = await readDemoPeople(ctx.pool);
    const users = await Promise.all(
      people.users.map(async (user) => ({
        ...user,
        token: await mintAccessToken({
          secret,
          userId: user.id,
          ttl: DEMO_TOKEN_TTL,
          issuer: config.TAKEONE_JWT_ISSUER,
          audience: config.TAKEONE_JWT_AUDIENCE,
        }),
      })),
    );
    res.setHeader("Cache-Control", "no-store");
    res.json({
      calOrigin: config.CALCOM_URL.replace(/\/$/, ""),
      calLink: config.DEMO_CALCOM_LINK,
      bridgeUrl: "",
      loadTimeoutMs: DEMO_CALCOM_TIMEOUT_MS,
      users,
      applications: people.applications,
    });
  });

  const dir = config.DEMO_APP_DIR === undefined ? DEFAULT_DEMO_APP_DIR : config.DEMO_APP_DIR;
  if (!isProduction && dir !== "") {
    if (existsSync(path.join(dir, "index.html"))) {
      router.use(express.static(dir, { index: "index.html", fallthrough: true }));
    } else {
      // Checked once at start: a demo built later is served after a restart.
      router.get("/", () => {
        throw new AppError(
          "NOT_FOUND",
          `The demo app is not built (no index.html in ${dir}): run npm run build -w plugin, then restart.`,
        );
      });
    }
  }
  return router;
}
