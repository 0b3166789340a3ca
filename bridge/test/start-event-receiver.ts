import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "svix";

export interface ReceivedAttempt {
  id: string;
  /** the answer given */
  status: number;
  isSignatureValid: boolean;
  /** the parsed body, when the signature was valid */
  body?: { type: string; timestamp: string; data: { id: string; kind?: string } & Record<string, unknown> };
}

export interface EventReceiver {
  url: string;
  port: number;
  attempts: ReceivedAttempt[];
  /** the bodies answered 2xx, in arrival order */
  accepted(): NonNullable<ReceivedAttempt["body"]>[];
  close(): Promise<void>;
}

/**
 * TakeOne's side, as docs/events.md shows it: a real HTTP server that verifies each request with
 * svix's `Webhook.verify` over the raw body. `failFirst` answers 500 to the first n attempts of every
 * event id (retries must come back with the same id).
 */
export async function startEventReceiver(options: {
  secret: string;
  failFirst?: number;
  port?: number;
  /** answers this status to every verified attempt while set (e.g. 410 Gone); 2xx once unset */
  answer?: { status: number | null };
  /** a slow receiver: waits this long before answering the first attempt of every event id */
  delayFirstMs?: number;
}): Promise<EventReceiver> {
  const verifier = new Webhook(options.secret);
  const attempts: ReceivedAttempt[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const id = String(req.headers["webhook-id"] ?? "");
    let isSignatureValid = true;
    try {
      verifier.verify(raw, req.headers as Record<string, string>);
    } catch {
      isSignatureValid = false;
    }
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    const status = !isSignatureValid
      ? 400
      : (options.answer?.status ?? (count <= (options.failFirst ?? 0) ? 500 : 204));
    attempts.push({ id, status, isSignatureValid, ...(isSignatureValid ? { body: JSON.parse(raw) } : {}) });
    if (count === 1 && options.delayFirstMs)
      await new Promise((resolve) => setTimeout(resolve, options.delayFirstMs));
    if (!res.destroyed) res.writeHead(status).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/takeone/events`,
    port,
    attempts,
    accepted: () =>
      attempts.filter((a) => a.status < 300 && a.body).map((a) => a.body as NonNullable<typeof a.body>),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A port nothing listens on (yet): the receiver is down. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
