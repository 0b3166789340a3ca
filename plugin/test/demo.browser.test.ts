// @vitest-environment node
// The demo page in real headless Chromium, with the REAL embed.js from @calcom/embed-core served by a
// stand-in Cal.com origin, and the fake bridge API. Screenshots go to docs/img/ when
// UPDATE_SCREENSHOTS=1, else to a temporary directory (so `npm test` leaves the tree clean).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../demo/build-demo.ts";
import type { DemoConfig } from "../demo/demo-config.ts";
import { makeBooking } from "./booking-fixtures.ts";
import { launchChromium } from "./launch-chromium.ts";
import { startDemoServer } from "./start-demo-server.ts";
import type { FakeBridge } from "./start-fake-bridge.ts";
import { type StandInCalcom, startStandInCalcom } from "./start-stand-in-calcom.ts";

const BOOKED = {
  uid: "cal_uid_demo",
  startTime: "2026-12-01T11:00:00.000Z",
  endTime: "2026-12-01T11:30:00.000Z",
};
const NOW = new Date("2026-11-25T00:00:00Z");

const users: DemoConfig["users"] = [
  {
    id: "u_caster",
    name: "Omar Casting",
    email: "omar@example.com",
    role: "caster",
    locale: "en",
    timeZone: "Asia/Riyadh",
    token: "dev-token-caster",
  },
  {
    id: "u_caster_ar",
    name: "نورة القحطاني",
    email: "noura@example.com",
    role: "caster",
    locale: "ar",
    timeZone: "Asia/Riyadh",
    token: "dev-token-caster-ar",
  },
];
const applications: DemoConfig["applications"] = [
  {
    id: "app_1",
    castingCallTitle: "Hamlet — lead",
    talent: { name: "Layla Haddad", email: "layla@example.com" },
  },
  {
    id: "app_2",
    castingCallTitle: "مسلسل رمضان — دور مساند",
    talent: { name: "ليلى حداد", email: "layla@example.com" },
  },
];

let workDir: string;
let demoDir: string;
let shotsDir: string;
let cal: StandInCalcom;
let demo: FakeBridge;
let browser: Browser;
const pageErrors: Error[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "takeone-demo-"));
  demoDir = join(workDir, "demo");
  shotsDir =
    process.env.UPDATE_SCREENSHOTS === "1"
      ? fileURLToPath(new URL("../../docs/img/", import.meta.url))
      : workDir;
  await buildDemo(demoDir);
  cal = await startStandInCalcom(BOOKED);
  demo = await startDemoServer({
    demoDir,
    now: () => NOW,
    config: { calOrigin: cal.origin, calLink: "takeone/audition", users, applications },
    bookings: [
      makeBooking({
        id: "bk_seed",
        calcomBookingUid: "cal_uid_seed",
        scheduledAt: "2026-12-03T07:00:00.000Z",
      }),
      makeBooking({
        id: "bk_seed_ar",
        casterUserId: "u_caster_ar",
        calcomBookingUid: "cal_uid_seed_ar",
        scheduledAt: "2026-12-04T13:30:00.000Z",
        meetingType: "in-person",
        meetingUrl: null,
        location: "استوديو جدة",
        talent: { id: "u_talent", name: "ليلى حداد", email: "layla@example.com" },
        castingCall: { id: "cc_2", title: "مسلسل رمضان — دور مساند" },
      }),
    ],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  // No uncaught error in any demo page.
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await demo?.close();
  await cal?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.setDefaultTimeout(20_000);
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.goto(`${demo.url}${path}`);
  return page;
}

describe("demo in Chromium", { timeout: 60_000 }, () => {
  it("books through the real embed.js: iframe URL, prefill, metadata[applicationId], bookingSuccessfulV2 → onBookingComplete → confirmed", async () => {
    const page = await openPage("/?as=u_caster&lang=en&page=applications");
    await page.getByRole("button", { name: "Book an audition with Layla Haddad" }).click();
    const dialog = page.getByRole("dialog", { name: "Book an audition: Hamlet — lead" });
    const iframe = dialog.locator("iframe");
    await iframe.waitFor();

    const src = new URL((await iframe.getAttribute("src")) ?? "");
    expect(src.origin).toBe(cal.origin);
    expect(src.pathname).toBe("/takeone/audition/embed");
    const params = src.searchParams;
    expect(params.get("embed")).toMatch(/^takeone[a-zA-Z0-9]+$/);
    expect(params.get("embedType")).toBe("inline");
    expect(params.get("name")).toBe("Omar Casting");
    expect(params.get("email")).toBe("omar@example.com");
    expect(params.getAll("guests")).toEqual(["layla@example.com"]);
    expect(params.get("metadata[applicationId]")).toBe("app_1");
    expect(params.get("applicationId")).toBe("app_1");
    expect(params.get("castingCallTitle")).toBe("Hamlet — lead");
    expect(params.get("talentName")).toBe("Layla Haddad");
    expect(cal.pageRequests).toHaveLength(1);

    // linkReady from the page reached the component through embed.js.
    await dialog.locator('[data-embed-state="ready"]').waitFor();
    await page.screenshot({ path: join(shotsDir, "applications-dialog-en.png") });

    // Tab past the last control inside the Cal.com iframe lands back in the dialog (the page behind is inert).
    await page.frameLocator("iframe").getByRole("button", { name: "Confirm booking" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);

    await page.frameLocator("iframe").getByRole("button", { name: "Confirm booking" }).click();
    await page.getByText("Booked in Cal.com. Confirming with TakeOne…").waitFor();
    const events = await page.getByTestId("booking-events").textContent();
    expect(JSON.parse(events ?? "")).toEqual({ ...BOOKED, rescheduled: false });

    // The bridge learns of the booking (in production: Cal.com's signed webhook); the dialog confirms.
    demo.bookings.set(
      "bk_new",
      makeBooking({ id: "bk_new", calcomBookingUid: BOOKED.uid, scheduledAt: BOOKED.startTime }),
    );
    await page.getByText("Audition booked: Tuesday, 1 December 2026, 14:00–14:30 GMT+3.").waitFor();
    await page.close();
  });

  it("shows the Arabic pages right to left with a mirrored layout", async () => {
    const page = await openPage("/?as=u_caster_ar&page=bookings");
    await page.getByRole("article").first().waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "ar",
      "rtl",
    ]);
    const section = page.locator("section").filter({ has: page.getByRole("tablist") });
    expect(await section.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    // The first tab sits at the right, the last at the left.
    const first = await page.getByRole("tab").first().boundingBox();
    const last = await page.getByRole("tab").last().boundingBox();
    expect(first && last && first.x > last.x).toBe(true);
    const text = await page.locator("main").textContent();
    expect(text).toContain("القادمة");
    expect(text).toContain("الجمعة، ٤ ديسمبر ٢٠٢٦"); // 13:30Z → 16:30 Riyadh, Gregorian
    expect(text).toContain("حضوري");
    expect(text).toContain("بالتقويم الهجري: ٢٤ جمادى الآخرة ١٤٤٨ هـ"); // the demo shows Hijri to Arabic readers
    await page.screenshot({ path: join(shotsDir, "bookings-ar.png"), fullPage: true });

    await page.goto(`${demo.url}/?as=u_caster_ar&page=applications`);
    await page.getByRole("heading", { name: "الطلبات" }).waitFor();
    await page.getByRole("button", { name: "حجز تجربة أداء مع ليلى حداد" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('[data-embed-state="ready"]').waitFor();
    expect(await dialog.getAttribute("dir")).toBe("rtl");
    // The close button is at the dialog's left edge in right-to-left.
    const box = await dialog.boundingBox();
    const close = await dialog.getByRole("button", { name: "إغلاق" }).boundingBox();
    expect(box && close && close.x < box.x + box.width / 2).toBe(true);
    await page.screenshot({ path: join(shotsDir, "applications-dialog-ar.png") });
    await page.close();
  });

  it("shows the bookings page in English and reschedules through the embed", async () => {
    const page = await openPage("/?as=u_caster&lang=en&page=bookings");
    await page.getByRole("article").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
    expect(await page.locator("main").textContent()).toContain(
      "Thursday, 3 December 2026 · 10:00–10:30 GMT+3",
    );
    await page.screenshot({ path: join(shotsDir, "bookings-en.png"), fullPage: true });

    // Reschedule opens Cal.com's reschedule page for the booking's uid, through the real embed.js.
    const card = page.getByRole("article").filter({ hasText: "3 December" });
    await card.getByRole("button", { name: "Reschedule the audition for Hamlet — lead" }).click();
    const dialog = page.getByRole("dialog", { name: "Reschedule: Hamlet — lead" });
    const src = new URL((await dialog.locator("iframe").getAttribute("src")) ?? "");
    expect(src.origin).toBe(cal.origin);
    expect(src.pathname).toBe("/reschedule/cal_uid_seed/embed");
    await dialog.locator('[data-embed-state="ready"]').waitFor();
    // The stand-in answers with the new booking's uid; the bridge has it (in production, from the
    // BOOKING_RESCHEDULED webhook), so the dialog confirms the new time.
    demo.bookings.set(
      "bk_new",
      makeBooking({ id: "bk_new", calcomBookingUid: BOOKED.uid, scheduledAt: BOOKED.startTime }),
    );
    await page.frameLocator("iframe").getByRole("button", { name: "Confirm new time" }).click();
    await page.getByText("Audition moved to Tuesday, 1 December 2026, 14:00–14:30 GMT+3.").waitFor();
    await page.close();
  });

  it("says 'Cal.com not reachable at …' when the Cal.com origin does not answer", async () => {
    const deadCal = await startStandInCalcom(BOOKED);
    const deadOrigin = deadCal.origin;
    await deadCal.close();
    const unreachable = await startDemoServer({
      demoDir,
      config: {
        calOrigin: deadOrigin,
        calLink: "takeone/audition",
        users,
        applications,
        loadTimeoutMs: 1500,
      },
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${unreachable.url}/?as=u_caster&lang=en&page=applications`);
      await page.getByRole("button", { name: "Book an audition with Layla Haddad" }).click();
      const alert = page.getByRole("dialog").getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`Cal.com not reachable at ${deadOrigin}`);
      await page.screenshot({ path: join(shotsDir, "applications-dialog-unreachable.png") });
      await page.close();
    } finally {
      await unreachable.close();
    }
  });
});
