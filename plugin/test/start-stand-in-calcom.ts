// A stand-in for TakeOne's self-hosted Cal.com origin, for browser tests: it serves the REAL
// embed.js of @calcom/embed-core at /embed/embed.js, and at `/<calLink>/embed` a small booking page
// that speaks the embed's documented postMessage protocol (calcom-facts 2.5, 2.6):
// `{ originator: "CAL", type, namespace, fullType: "CAL:<ns>:<type>", data }` to the parent.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export interface StandInCalcom {
  readonly origin: string;
  /** every booking-page URL the iframe asked for (path + query) */
  readonly pageRequests: string[];
  close(): Promise<void>;
}

export interface StandInBooking {
  readonly uid: string;
  readonly startTime: string;
  readonly endTime: string;
}

const EMBED_JS = fileURLToPath(
  new URL("../../node_modules/@calcom/embed-core/dist/embed/embed.js", import.meta.url),
);

/**
 * `onBooked` plays Cal.com's server side for demos: the page tells its own origin when "Confirm" is
 * pressed (before it posts the embed event), with the booking page's query (prefill, metadata).
 */
export async function startStandInCalcom(
  booking: StandInBooking,
  onBooked?: (query: URLSearchParams, booking: StandInBooking) => void,
): Promise<StandInCalcom> {
  const embedJs = await readFile(EMBED_JS);
  const pageRequests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (url.pathname === "/embed/embed.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(embedJs);
      return;
    }
    if (url.pathname === "/__booked" && req.method === "POST") {
      onBooked?.(url.searchParams, booking);
      res.writeHead(204).end();
      return;
    }
    if (url.pathname.endsWith("/embed")) {
      pageRequests.push(req.url ?? "");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(bookingPage(url, booking));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pageRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function bookingPage(url: URL, booking: StandInBooking): string {
  const reschedule = url.pathname.startsWith("/reschedule/");
  const event = reschedule ? "rescheduleBookingSuccessfulV2" : "bookingSuccessfulV2";
  const shown = [
    "name",
    "email",
    "guests",
    "guest",
    "metadata[applicationId]",
    "applicationId",
    "castingCallTitle",
    "talentName",
  ]
    .map((key) => `<dt>${key}</dt><dd>${escapeHtml(url.searchParams.getAll(key).join(", "))}</dd>`)
    .join("");
  const data = {
    ...booking,
    title: "Audition",
    eventTypeId: 1,
    status: "ACCEPTED",
    paymentRequired: false,
    isRecurring: false,
  };
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body{font-family:sans-serif;margin:0;padding:16px;background:#fff}dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;font-size:13px}
    dt{color:#555}dd{margin:0}button{padding:8px 14px;background:#6d28d9;color:#fff;border:0;border-radius:6px}</style></head>
    <body><h1 style="font-size:18px">Stand-in Cal.com booking page (${escapeHtml(url.pathname)})</h1><dl>${shown}</dl>
    <button id="book" type="button">${reschedule ? "Confirm new time" : "Confirm booking"}</button>
    <script>
      const ns = new URLSearchParams(location.search).get("embed") || "";
      const send = (type, data) => parent.postMessage({ originator: "CAL", type, namespace: ns, fullType: "CAL:" + ns + ":" + type, data }, "*");
      send("__iframeReady", { isPrerendering: false });
      send("__dimensionChanged", { iframeHeight: document.body.scrollHeight, iframeWidth: document.body.scrollWidth, isFirstTime: true });
      send("linkReady", {});
      document.getElementById("book").addEventListener("click", () =>
        fetch("/__booked" + location.search, { method: "POST" }).finally(() => send(${JSON.stringify(event)}, ${JSON.stringify(data)})));
    </script></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
