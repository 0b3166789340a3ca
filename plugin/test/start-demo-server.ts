// Serves the built demo and its config next to the fake bridge API, on one origin (no CORS).
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { Booking } from "@takeone/calcom-bridge/contract";
import type { DemoConfig } from "../demo/demo-config.ts";
import { type FakeBridge, startFakeBridge } from "./start-fake-bridge.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
};

export async function startDemoServer(options: {
  demoDir: string;
  config: Omit<DemoConfig, "bridgeUrl">;
  bookings?: Booking[];
  now?: () => Date;
  port?: number;
  /** where the page calls the bridge API; default "" (this server's fake API) */
  bridgeUrl?: string;
}): Promise<FakeBridge> {
  return startFakeBridge({
    ...(options.port === undefined ? {} : { port: options.port }),
    token: options.config.users.map((user) => ({ token: user.token, userId: user.id })),
    ...(options.bookings ? { bookings: options.bookings } : {}),
    ...(options.now ? { now: options.now } : {}),
    fallback: async (req, res) => {
      const path = new URL(req.url ?? "/", "http://demo").pathname;
      if (path === "/demo-config.json") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ...options.config, bridgeUrl: options.bridgeUrl ?? "" }));
        return true;
      }
      const file = normalize(join(options.demoDir, path === "/" ? "index.html" : path));
      if (!file.startsWith(options.demoDir)) return false;
      try {
        const body = await readFile(file);
        res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        res.end(body);
        return true;
      } catch {
        return false;
      }
    },
  });
}
