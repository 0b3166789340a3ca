import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import {
  calcomWebhookRouter,
  createCalcomWebhookHandler,
} from "../src/webhooks/create-calcom-webhook-handler.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { TEST_WEBHOOK_SECRET } from "./start-test-service.ts";

export interface WebhookTarget {
  url: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

/**
 * createCalcomWebhookHandler — the web-standard handler a Next.js route exports — behind a bare
 * node:http server that turns each request into a `Request` and writes the `Response` back, as a
 * Next.js, Hono or Bun server would.
 */
export async function startHandlerServer(): Promise<WebhookTarget> {
  const db = await createTestDatabase();
  const handler = createCalcomWebhookHandler({ database: db.url, secrets: TEST_WEBHOOK_SECRET });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const response = await handler(
      new Request(`http://localhost${req.url}`, {
        method: req.method ?? "GET",
        headers,
        ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return listen(server, db, () => handler.close());
}

/** calcomWebhookRouter mounted in someone else's express app, after its own JSON parser for other routes. */
export async function startRouterServer(): Promise<WebhookTarget> {
  const db = await createTestDatabase();
  const router = calcomWebhookRouter({ database: db.url, secrets: [TEST_WEBHOOK_SECRET] });
  const app = express();
  app.use(router);
  app.use(express.json());
  app.get("/their/own/route", (_req, res) => {
    res.json({ ok: true });
  });
  return listen(http.createServer(app), db, () => router.close());
}

async function listen(
  server: http.Server,
  db: TestDatabase,
  close: () => Promise<void>,
): Promise<WebhookTarget> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await close();
      await db.drop();
    },
  };
}
