// The plugin's demo app served by the REAL bridge (what `npm start` shows at /), in real headless
// Chromium, with the real embed.js of @calcom/embed-core on a stand-in Cal.com origin
// (plugin/test/start-stand-in-calcom.ts): sign in through /demo-config.json (minted tokens), book
// through the embed (bookingSuccessfulV2 → onBookingComplete → "confirming…"), then a correctly signed
// BOOKING_CREATED webhook to the bridge, and the dialog confirms and the bookings page lists the
// booking from the bridge's API. Screenshots go to docs/img/ with UPDATE_SCREENSHOTS=1.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../../../plugin/demo/build-demo.ts";
import { launchChromium } from "../../../plugin/test/launch-chromium.ts";
import { type StandInCalcom, startStandInCalcom } from "../../../plugin/test/start-stand-in-calcom.ts";
import { sendWebhook } from "../../test/calcom-webhooks.ts";
import { startTestService, type TestService } from "../../test/start-test-service.ts";
import { newCalcomUid } from "../webhooks/build-calcom-webhook.ts";

// In the future of the real clock the bridge runs on: 14:00–14:30 in Riyadh.
const BOOKED = {
  uid: newCalcomUid(),
  startTime: "2027-03-02T11:00:00.000Z",
  endTime: "2027-03-02T11:30:00.000Z",
};

let workDir: string;
let shotsDir: string;
let cal: StandInCalcom;
let service: TestService;
let browser: Browser;
const pageErrors: Error[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "takeone-demo-app-"));
  shotsDir =
    process.env.UPDATE_SCREENSHOTS === "1"
      ? fileURLToPath(new URL("../../../docs/img/", import.meta.url))
      : workDir;
  const demoDir = path.join(workDir, "demo");
  await buildDemo(demoDir);
  cal = await startStandInCalcom(BOOKED);
  service = await startTestService({
    env: {
      DEMO_APP: "on",
      DEMO_APP_DIR: demoDir,
      CALCOM_URL: cal.origin,
      DEMO_CALCOM_LINK: "takeone/audition",
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await service?.stop();
  await cal?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function openPage(pathAndQuery: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.setDefaultTimeout(20_000);
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.goto(`${service.url}${pathAndQuery}`);
  return page;
}

describe("the demo app on the real bridge, in Chromium", { timeout: 90_000 }, () => {
  it("signs in as a demo user from /demo-config.json", async () => {
    const page = await openPage("/");
    await page.getByRole("heading", { name: "Sign in to the TakeOne demo" }).waitFor();
    const links = await page.getByRole("link", { name: /^Sign in as / }).allTextContents();
    expect(links).toEqual([
      "Sign in as Demo Caster (caster)",
      "Sign in as Second Caster (caster)",
      "Sign in as Demo Talent (talent)",
    ]);
    await page.screenshot({ path: path.join(shotsDir, "sign-in-real-bridge-en.png") });
    await page.getByRole("link", { name: "Sign in as Demo Caster (caster)" }).click();
    await page.getByRole("heading", { name: "Applications" }).waitFor();
    expect(await page.getByText("Signed in as Demo Caster").count()).toBe(1);
    await page.close();
  });

  it("books through the embed, and after the signed BOOKING_CREATED webhook the booking is confirmed and listed", async () => {
    const page = await openPage("/?as=demo-caster&lang=en&page=applications");
    await page.getByRole("button", { name: "Book an audition with Demo Talent" }).click();
    const dialog = page.getByRole("dialog", { name: "Book an audition: Demo: lead role" });
    const iframe = dialog.locator("iframe");
    await iframe.waitFor();
    const src = new URL((await iframe.getAttribute("src")) ?? "");
    expect(src.origin).toBe(cal.origin); // the bridge's CALCOM_URL
    expect(src.pathname).toBe("/takeone/audition/embed");
    expect(src.searchParams.get("email")).toBe("caster@demo.takeone.test");
    expect(src.searchParams.getAll("guests")).toEqual(["talent@demo.takeone.test"]);
    expect(src.searchParams.get("metadata[applicationId]")).toBe("demo-application");
    await dialog.locator('[data-embed-state="ready"]').waitFor();

    await page.frameLocator("iframe").getByRole("button", { name: "Confirm booking" }).click();
    await page.getByText("Booked in Cal.com. Confirming with TakeOne…").waitFor();
    const events = await page.getByTestId("booking-events").textContent();
    expect(JSON.parse(events ?? "")).toEqual({ ...BOOKED, rescheduled: false });

    // What Cal.com does next: a BOOKING_CREATED webhook signed with CALCOM_WEBHOOK_SECRET.
    const sent = await sendWebhook(service.url, "BOOKING_CREATED", {
      createdAt: new Date(),
      booking: {
        uid: BOOKED.uid,
        bookingId: 4242,
        startTime: new Date(BOOKED.startTime),
        durationMinutes: 30,
        attendee: { name: "Demo Caster", email: "caster@demo.takeone.test", timeZone: "Asia/Riyadh" },
        organizer: { name: "Audition host", email: "host@takeone.example", timeZone: "Asia/Riyadh" },
        applicationId: src.searchParams.get("metadata[applicationId]"),
        applicationIn: "metadata",
      },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.data?.outcome).toBe("applied");

    await dialog.getByText("Audition booked: Tuesday, 2 March 2027, 14:00–14:30 GMT+3.").waitFor();
    await page.screenshot({ path: path.join(shotsDir, "applications-real-bridge-en.png") });
    await dialog.getByRole("button", { name: "Close" }).click();

    // The bookings page lists it from the bridge's API, with its Cal.com uid (so Reschedule shows).
    await page.getByRole("link", { name: "My auditions" }).click();
    const card = page.getByRole("article").filter({ hasText: "Demo: lead role" });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain("With Demo Talent");
    expect(text).toContain("Tuesday, 2 March 2027 · 14:00–14:30 GMT+3");
    expect(await card.getByRole("button", { name: /^Reschedule/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(shotsDir, "bookings-real-bridge-en.png"), fullPage: true });
    await page.close();
  });

  it("shows the talent the same booking, in Arabic, right to left", async () => {
    const page = await openPage("/?as=demo-talent&lang=ar&page=bookings");
    const card = page.getByRole("article").first();
    await card.waitFor();
    // (attributes, not page.evaluate: the bridge's type check has no DOM types)
    const html = page.locator("html");
    expect([await html.getAttribute("lang"), await html.getAttribute("dir")]).toEqual(["ar", "rtl"]);
    const text = await card.textContent();
    expect(text).toContain("Demo: lead role");
    expect(text).toContain("الثلاثاء، ٢ مارس ٢٠٢٧");
    await page.screenshot({ path: path.join(shotsDir, "bookings-real-bridge-ar.png"), fullPage: true });
    await page.goto(`${service.url}/?lang=ar`);
    await page.getByRole("link", { name: "الدخول باسم Demo Talent (موهبة)" }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, "sign-in-real-bridge-ar.png") });
    await page.close();
  });

  it("cancels through the real API: the caster gives a reason, the booking moves to Cancelled", async () => {
    const page = await openPage("/?as=demo-caster&lang=en&page=bookings");
    const card = page.getByRole("article").filter({ hasText: "Demo: lead role" });
    await card.getByRole("button", { name: "Cancel the audition for Demo: lead role" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel the audition" });
    await dialog.getByLabel("Reason for cancelling").fill("Role filled");
    await dialog.getByRole("button", { name: "Cancel audition" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("tab", { name: "Cancelled" }).click();
    const cancelled = page.getByRole("article").filter({ hasText: "Demo: lead role" });
    await cancelled.getByText("Reason: Role filled").waitFor();
    // The bridge has it: PATCH /api/v1/bookings/:id went through the real route.
    const { rows } = await service.db.pool.query(
      `SELECT "status", "cancellationReason", "cancelledBy" FROM "AuditionBooking" WHERE "calcomBookingUid" = $1`,
      [BOOKED.uid],
    );
    expect(rows).toEqual([
      { status: "cancelled", cancellationReason: "Role filled", cancelledBy: "demo-caster" },
    ]);
    await page.close();
  });
});
