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
  // Off in production whatever DEMO_APP says. `auto` also keeps it off on any DATABASE_URL: a
  // bridge on a real (shared) database whose NODE_ENV was forgotten must not hand out tokens signed
  // with TakeOne's secret, nor insert demo rows into TakeOne's tables.
  const isEnabled =
    config.NODE_ENV !== "production" &&
    (config.DEMO_APP === "on" || (config.DEMO_APP === "auto" && !config.DATABASE_URL));

  router.get("/demo-config.json", async (_req, res) => {
    if (!isEnabled) {
      throw new AppError(
        "FORBIDDEN",
        "The demo sign-in (dev tokens) is off: it runs only outside production, on the embedded database or with DEMO_APP=on.",
      );
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
  if (isEnabled && dir !== "") {
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
