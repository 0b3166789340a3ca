// A stand-in for the bridge's bookings API (issue 4 builds the real one): same paths, same envelope,
// bodies checked against @takeone/calcom-bridge/contract. Tests start it on port 0 and own its data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Booking, bookingSchema, updateBookingBodySchema } from "@takeone/calcom-bridge/contract";

export interface FakeBridge {
  readonly url: string;
  readonly bookings: Map<string, Booking>;
  /** every request seen: method, path with query, headers */
  readonly requests: { method: string; url: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

export interface FakeBridgeOptions {
  /**
   * Accepted bearer tokens. A plain token sees every booking; `{ token, userId }` sees only the
   * bookings where that user is the talent or the caster (as the bridge's role check does).
   * Default "dev-token".
   */
  readonly token?: string | (string | { token: string; userId: string })[];
  readonly now?: () => Date;
  readonly bookings?: Booking[];
  /** default 0: any free port */
  readonly port?: number;
  /** answers a request the API does not know; return false to let the fake answer 404 */
  readonly fallback?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

export async function startFakeBridge(options: FakeBridgeOptions = {}): Promise<FakeBridge> {
  const tokens = [options.token ?? "dev-token"]
    .flat()
    .map((t) => (typeof t === "string" ? { token: t, userId: null } : t));
  const now = options.now ?? (() => new Date());
  const bookings = new Map((options.bookings ?? []).map((b) => [b.id, b]));
  const requests: FakeBridge["requests"] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { success: false, error: { code, message } });

  const server: Server = createServer(async (req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    const url = new URL(req.url ?? "/", "http://fake");
    if (!url.pathname.startsWith("/api/v1/")) {
      if (options.fallback && (await options.fallback(req, res))) return;
      return fail(res, 404, "NOT_FOUND", "no such route");
    }
    const caller = tokens.find(({ token }) => req.headers.authorization === `Bearer ${token}`);
    if (!caller) return fail(res, 401, "UNAUTHENTICATED", "bad token");
    const visible = (b: Booking) =>
      caller.userId === null || b.talentUserId === caller.userId || b.casterUserId === caller.userId;
    if (req.method === "GET" && url.pathname === "/api/v1/bookings") {
      const statuses = url.searchParams.getAll("status").flatMap((s) => s.split(","));
      const upcoming = url.searchParams.get("upcoming") === "true";
      const to = url.searchParams.get("to");
      const list = [...bookings.values()]
        .filter(visible)
        .filter((b) => statuses.length === 0 || statuses.includes(b.status))
        .filter(
          (b) => !upcoming || (Date.parse(b.scheduledAt) >= now().getTime() && b.status !== "cancelled"),
        )
        .filter((b) => !to || Date.parse(b.scheduledAt) < Date.parse(to))
        .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.id.localeCompare(b.id));
      // Pages of `limit` (default 50, as the bridge's query schema); the cursor is an offset here,
      // opaque to the client as the contract says.
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const offset = Number(url.searchParams.get("cursor") ?? 0);
      const next = offset + limit < list.length ? String(offset + limit) : null;
      return send(res, 200, {
        success: true,
        data: list.slice(offset, offset + limit),
        page: { nextCursor: next },
      });
    }
    const match = /^\/api\/v1\/bookings\/([^/]+)$/.exec(url.pathname);
    const found = match?.[1] ? bookings.get(decodeURIComponent(match[1])) : undefined;
    const booking = found && visible(found) ? found : undefined;
    if (match && !booking) return fail(res, 404, "NOT_FOUND", "no such booking");
    if (booking && req.method === "GET") return send(res, 200, { success: true, data: booking });
    if (booking && req.method === "PATCH") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const parsed = updateBookingBodySchema.safeParse(JSON.parse(Buffer.concat(chunks).toString() || "{}"));
      if (!parsed.success) return fail(res, 400, "VALIDATION_FAILED", parsed.error.message);
      const body = parsed.data;
      // As the bridge: cancel only from pending, scheduled or confirmed (docs/api.md "Change").
      if (body.status === "cancelled" && !["pending", "scheduled", "confirmed"].includes(booking.status)) {
        return fail(res, 409, "INVALID_TRANSITION", `cannot cancel a ${booking.status} booking`);
      }
      const updated = bookingSchema.parse({
        ...booking,
        ...(body.status ? { status: body.status } : {}),
        ...(body.status === "cancelled"
          ? {
              cancellationReason: body.cancellationReason ?? null,
              cancelledAt: now().toISOString(),
              cancelledBy: booking.casterUserId,
            }
          : {}),
        updatedAt: now().toISOString(),
      });
      bookings.set(updated.id, updated);
      return send(res, 200, { success: true, data: updated });
    }
    return fail(res, 404, "NOT_FOUND", "no such route");
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bookings,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
