import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Cal.com API v2 on a local port: the remote edge of the tests. It answers only in
 * shapes the facts file documents (shared/reference/calcom-facts.md):
 * - success `{"status":"success","data":…}` (§4.1), Bearer `cal_…` keys (§4.1);
 * - the license refusal, 401 "ApiAuthStrategy - api key - Invalid or missing CALCOM_LICENSE_KEY
 *   environment variable" (§3.3, §5.7), in the error envelope of Cal.com's HttpExceptionFilter
 *   `{"status":"error","timestamp","path","error":{"code","message"}}`;
 * - event types `EventTypeOutput_2024_06_14` (§4.2, including `users[]`), webhooks `WebhookOutputDto`
 *   with `triggers` (§4.3), bookings `booking.output.ts` with lowercase status (§4.4).
 * It records every request, and can be told to fail the next requests (429 with Cal.com's
 * `X-RateLimit-Reset-*` header, 5xx, or a hung connection).
 */
export interface FakeCalcom {
  /** the API v2 base URL (…/v2); the web app answers on the same origin */
  url: string;
  webUrl: string;
  apiKey: string;
  state: {
    isLicensed: boolean;
    me: { id: number; username: string; email: string; timeZone: string };
    eventTypes: Record<string, unknown>[];
    webhooks: Record<string, unknown>[];
    bookings: Record<string, unknown>[];
    /** whether webhook answers carry `secret` (newer Cal.com) */
    isSecretShown: boolean;
    /** whether the web app serves /embed/embed.js (older Docker images did not, calcom-facts §2.1) */
    isEmbedServed: boolean;
  };
  requests: {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingMessage["headers"];
    body: unknown;
  }[];
  /** the next n requests get this answer instead */
  failNext(
    n: number,
    failure: { status: number; headers?: Record<string, string>; body?: unknown } | "hang",
  ): void;
  close(): Promise<void>;
}

export async function startFakeCalcom(options: { apiKey?: string } = {}): Promise<FakeCalcom> {
  const apiKey = options.apiKey ?? "cal_test_0123456789abcdef";
  const failures: ({ status: number; headers?: Record<string, string>; body?: unknown } | "hang")[] = [];
  const hung: ServerResponse[] = [];
  let nextEventTypeId = 100;
  const fake: Omit<FakeCalcom, "url" | "webUrl" | "close"> = {
    apiKey,
    state: {
      isLicensed: true,
      me: { id: 3, username: "casting", email: "casting@takeone.example", timeZone: "Europe/Berlin" },
      eventTypes: [],
      webhooks: [],
      bookings: [],
      isSecretShown: true,
      isEmbedServed: true,
    },
    requests: [],
    failNext(n, failure) {
      for (let i = 0; i < n; i++) failures.push(failure);
    },
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const body = text ? JSON.parse(text) : undefined;
    fake.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });

    const failure = failures.shift();
    if (failure === "hang") {
      hung.push(res);
      return;
    }
    if (failure)
      return send(
        res,
        failure.status,
        failure.body ?? errorBody(url.pathname, "InternalServerErrorException", "Internal server error"),
        failure.headers,
      );

    // The web app, on the same origin here: its home page and the embed script (calcom-facts §2.1).
    if (!url.pathname.startsWith("/v2")) {
      if (url.pathname === "/embed/embed.js" && fake.state.isEmbedServed) {
        res.writeHead(200, { "content-type": "application/javascript" });
        return res.end("/* embed */");
      }
      res.writeHead(url.pathname === "/" ? 200 : 404, { "content-type": "text/html" });
      return res.end("<!doctype html><title>Cal.com</title>");
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(
        res,
        401,
        errorBody(
          url.pathname,
          "UnauthorizedException",
          "ApiAuthStrategy - api key - Your api key is not valid",
        ),
      );
    }
    if (!fake.state.isLicensed) {
      return send(
        res,
        401,
        errorBody(
          url.pathname,
          "UnauthorizedException",
          "ApiAuthStrategy - api key - Invalid or missing CALCOM_LICENSE_KEY environment variable",
        ),
      );
    }
    route(req.method ?? "GET", url, body, res);
  });

  function route(method: string, url: URL, body: Record<string, unknown> | undefined, res: ServerResponse) {
    const path = url.pathname;
    const { state } = fake;
    if (method === "GET" && path === "/v2/me") return ok(res, state.me);

    if (path === "/v2/event-types" && method === "GET") {
      const username = url.searchParams.get("username");
      return ok(res, username === state.me.username ? state.eventTypes : []);
    }
    if (path === "/v2/event-types" && method === "POST") {
      const created = {
        ...eventTypeDefaults(),
        ...body,
        id: nextEventTypeId++,
        ownerId: state.me.id,
        users: [userOf(state.me)],
      };
      state.eventTypes.push(created);
      return send(res, 201, { status: "success", data: created });
    }
    const eventTypeMatch = /^\/v2\/event-types\/(\d+)$/.exec(path);
    if (eventTypeMatch && method === "PATCH") {
      const found = state.eventTypes.find((e) => e.id === Number(eventTypeMatch[1]));
      if (!found)
        return send(
          res,
          404,
          errorBody(path, "NotFoundException", `Event type with id=${eventTypeMatch[1]} not found`),
        );
      Object.assign(found, body);
      return ok(res, found);
    }

    if (path === "/v2/webhooks" && method === "GET") {
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const take = Number(url.searchParams.get("take") ?? 250);
      return ok(res, state.webhooks.slice(skip, skip + take).map(webhookOutput));
    }
    if (path === "/v2/webhooks" && method === "POST") {
      const created = { payloadTemplate: null, ...body, id: randomUUID(), userId: state.me.id };
      state.webhooks.push(created);
      return send(res, 201, { status: "success", data: webhookOutput(created) });
    }
    const webhookMatch = /^\/v2\/webhooks\/([^/]+)$/.exec(path);
    if (webhookMatch && method === "PATCH") {
      const found = state.webhooks.find((w) => w.id === webhookMatch[1]);
      if (!found)
        return send(
          res,
          404,
          errorBody(path, "NotFoundException", `Webhook with id ${webhookMatch[1]} not found`),
        );
      Object.assign(found, body);
      return ok(res, webhookOutput(found));
    }

    if (path === "/v2/bookings" && method === "GET") {
      const take = Number(url.searchParams.get("take") ?? 100);
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const afterStart = url.searchParams.get("afterStart");
      const eventTypeId = url.searchParams.get("eventTypeId");
      const matching = state.bookings.filter(
        (b) =>
          (!afterStart || Date.parse(b.start as string) >= Date.parse(afterStart)) &&
          (!eventTypeId || b.eventTypeId === Number(eventTypeId)),
      );
      const page = matching.slice(skip, skip + take);
      return send(res, 200, {
        status: "success",
        data: page,
        pagination: {
          totalItems: matching.length,
          remainingItems: Math.max(0, matching.length - skip - page.length),
          returnedItems: page.length,
          itemsPerPage: take,
          currentPage: Math.floor(skip / take) + 1,
          totalPages: Math.ceil(matching.length / take),
          hasNextPage: skip + page.length < matching.length,
          hasPreviousPage: skip > 0,
        },
      });
    }
    const bookingByUid = /^\/v2\/bookings\/([^/]+)$/.exec(path);
    if (bookingByUid && method === "GET") {
      const found = state.bookings.find((b) => b.uid === bookingByUid[1]);
      if (!found)
        return send(
          res,
          404,
          errorBody(
            path,
            "NotFoundException",
            `Booking with uid=${bookingByUid[1]} was not found in the database`,
          ),
        );
      return ok(res, found);
    }
    const bookingAction = /^\/v2\/bookings\/([^/]+)\/(cancel|reschedule)$/.exec(path);
    if (bookingAction && method === "POST") {
      const [, uid, action] = bookingAction;
      const found = state.bookings.find((b) => b.uid === uid);
      if (!found)
        return send(
          res,
          404,
          errorBody(path, "NotFoundException", `Booking with uid=${uid} was not found in the database`),
        );
      const now = new Date().toISOString();
      if (action === "cancel") {
        Object.assign(found, {
          status: "cancelled",
          cancellationReason: body?.cancellationReason,
          updatedAt: now,
        });
        return ok(res, found);
      }
      // Only accepted and pending bookings can be rescheduled (calcom-facts §4.4).
      if (found.status !== "accepted" && found.status !== "pending") {
        return send(
          res,
          400,
          errorBody(path, "BadRequestException", `Can't reschedule booking with status ${found.status}`),
        );
      }
      const start = String(body?.start);
      const minutes = (Date.parse(found.end as string) - Date.parse(found.start as string)) / 60_000;
      const moved = {
        ...found,
        id: Math.max(...state.bookings.map((b) => b.id as number)) + 1,
        uid: `${uid}-r${state.bookings.length}`,
        start,
        end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
        rescheduledFromUid: uid,
        reschedulingReason: body?.reschedulingReason,
        rescheduledByEmail: body?.rescheduledBy,
        createdAt: now,
        updatedAt: now,
      };
      Object.assign(found, { status: "cancelled", rescheduledToUid: moved.uid, updatedAt: now });
      state.bookings.push(moved);
      return send(res, 201, { status: "success", data: moved });
    }
    // NestJS's answer to an unknown route.
    return send(res, 404, errorBody(path, "NotFoundException", `Cannot ${method} ${path}`));
  }

  function webhookOutput(w: Record<string, unknown>) {
    const { userId: _userId, secret, ...rest } = w;
    return fake.state.isSecretShown ? { ...rest, secret } : rest;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}/v2`,
    webUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } as FakeCalcom;
}

function ok(res: ServerResponse, data: unknown) {
  send(res, 200, { status: "success", data });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(path: string, code: string, message: string) {
  return { status: "error", timestamp: new Date().toISOString(), path, error: { code, message } };
}

function userOf(me: FakeCalcom["state"]["me"]) {
  return {
    id: me.id,
    name: "Casting Team",
    username: me.username,
    avatarUrl: null,
    weekStart: "Monday",
    brandColor: null,
    darkBrandColor: null,
    metadata: {},
  };
}

function eventTypeDefaults() {
  return {
    description: "",
    locations: [],
    bookingFields: [
      { type: "name", isDefault: true },
      { type: "email", isDefault: true },
    ],
    disableGuests: false,
    schedulingType: null,
    recurrence: null,
    metadata: {},
    requiresConfirmation: false,
    hidden: false,
  };
}

/** A booking as API v2 (2024-08-13) returns it (calcom-facts §4.4), with the application id in metadata. */
export function calcomBookingFixture(
  overrides: Record<string, unknown> & { id: number; uid: string },
): Record<string, unknown> {
  return {
    title: "Audition between Casting Team and Jane Actor",
    description: "",
    hosts: [
      {
        id: 3,
        name: "Casting Team",
        email: "casting@takeone.example",
        username: "casting",
        timeZone: "Europe/Berlin",
      },
    ],
    status: "accepted",
    start: "2030-03-14T09:30:00.000Z",
    end: "2030-03-14T09:45:00.000Z",
    duration: 15,
    eventTypeId: 100,
    eventType: { id: 100, slug: "audition" },
    location: "https://cal.takeone.example/video/abc",
    absentHost: false,
    createdAt: "2030-03-01T10:00:00.000Z",
    updatedAt: "2030-03-01T10:00:00.000Z",
    metadata: {},
    attendees: [
      {
        name: "Jane Actor",
        email: "jane@example.com",
        displayEmail: "jane@example.com",
        timeZone: "Europe/London",
        absent: false,
      },
    ],
    guests: [],
    bookingFieldsResponses: { name: "Jane Actor", email: "jane@example.com" },
    ...overrides,
  };
}
