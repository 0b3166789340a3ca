import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeBooking } from "../../test/booking-fixtures.ts";
import { type FakeBridge, startFakeBridge } from "../../test/start-fake-bridge.ts";
import { createBridgeClient } from "../client/create-bridge-client.ts";
import { AuditionBookings } from "./audition-bookings.tsx";

// The real client against a fake bridge HTTP server (Node's fetch, from the jsdom test).
let bridge: FakeBridge;
const NOW = new Date("2026-11-25T00:00:00Z");
beforeAll(async () => {
  bridge = await startFakeBridge({ now: () => NOW });
});
afterAll(() => bridge.close());
beforeEach(() => {
  bridge.bookings.clear();
  for (const b of [
    makeBooking({ id: "bk_up", calcomBookingUid: "uid_up" }),
    makeBooking({
      id: "bk_phone",
      calcomBookingUid: null,
      scheduledAt: "2026-12-03T06:30:00.000Z",
      meetingType: "phone",
      meetingUrl: null,
      status: "confirmed",
    }),
    makeBooking({ id: "bk_past", scheduledAt: "2026-11-10T09:00:00.000Z", status: "completed" }),
    makeBooking({
      id: "bk_cancelled",
      scheduledAt: "2026-12-10T09:00:00.000Z",
      status: "cancelled",
      cancellationReason: "Role filled",
      cancelledAt: "2026-11-21T09:00:00.000Z",
    }),
  ])
    bridge.bookings.set(b.id, b);
});
afterEach(cleanup);

const client = (token = "dev-token") => createBridgeClient({ baseUrl: bridge.url, getToken: () => token });
const cal = { calOrigin: "https://cal.takeone.test", calLink: "takeone/audition" };

describe("AuditionBookings", () => {
  it("shows upcoming auditions in the viewer's time zone with type, join, reschedule and cancel", async () => {
    render(<AuditionBookings client={client()} cal={cal} now={() => NOW} />);
    expect(screen.getByRole("status").textContent).toBe("Loading auditions…");
    const cards = await screen.findAllByRole("article");
    expect(cards).toHaveLength(2);
    const [first, second] = cards as [HTMLElement, HTMLElement];
    // 11:00Z → 14:00 in Riyadh, the default zone.
    expect(first.textContent).toContain("Tuesday, 1 December 2026 · 14:00–14:30 GMT+3");
    expect(first.textContent).toContain("With Layla Haddad");
    expect(first.textContent).toContain("Video call");
    expect(first.textContent).toContain("Duration: 30 minutes");
    expect(first.querySelector('[data-icon="video"]')).toBeTruthy();
    expect(
      within(first)
        .getByRole("link", { name: "Join the meeting for Hamlet — lead (opens in a new tab)" })
        .getAttribute("href"),
    ).toBe("https://meet.example.com/abc");
    expect(
      within(first).getByRole("button", { name: "Reschedule the audition for Hamlet — lead" }),
    ).toBeTruthy();
    // No Cal.com uid (booked in TakeOne directly): nothing to reschedule in Cal.com.
    expect(within(second).queryByRole("button", { name: /Reschedule/ })).toBeNull();
    expect(second.textContent).toContain("Phone call");
    expect(second.textContent).toContain("Confirmed");
    expect(bridge.requests.at(-1)?.url).toBe("/api/v1/bookings?upcoming=true&limit=20");
  });

  it("has accessible tabs for past and cancelled, each with its own query", async () => {
    const user = userEvent.setup();
    render(<AuditionBookings client={client()} now={() => NOW} timeZone="Europe/London" />);
    await screen.findAllByRole("article");
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((tab) => tab.textContent)).toEqual(["Upcoming", "Past", "Cancelled"]);
    expect(screen.getByRole("tab", { selected: true }).textContent).toBe("Upcoming");

    await user.click(screen.getByRole("tab", { name: "Past" }));
    const past = await screen.findByRole("article");
    expect(past.textContent).toContain("Completed");
    expect(past.textContent).toContain("09:00–09:30 GMT"); // London, winter
    expect(within(past).queryByRole("button")).toBeNull();
    expect(bridge.requests.at(-1)?.url).toBe(
      "/api/v1/bookings?status=pending&status=scheduled&status=confirmed&status=completed&status=no-show&to=2026-11-25T00%3A00%3A00.000Z&limit=20",
    );

    screen.getByRole("tab", { name: "Past" }).focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { selected: true }).textContent).toBe("Cancelled");
    const cancelled = await screen.findByRole("article");
    expect(cancelled.textContent).toContain("Reason: Role filled");
  });

  it("pages with Show more, following the bridge's nextCursor", async () => {
    const user = userEvent.setup();
    const third = makeBooking({ id: "bk_third", scheduledAt: "2026-12-05T09:00:00.000Z" });
    bridge.bookings.set(third.id, third);
    render(<AuditionBookings client={client()} now={() => NOW} pageSize={2} />);
    expect(await screen.findAllByRole("article")).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(3));
    expect(bridge.requests.at(-1)?.url).toBe("/api/v1/bookings?upcoming=true&limit=2&cursor=2");
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
  });

  it("names the caster to the talent, in the talent's own time zone", async () => {
    render(
      <AuditionBookings client={client()} now={() => NOW} viewerUserId="u_talent" timeZone="Europe/London" />,
    );
    const [first] = await screen.findAllByRole("article");
    expect(first?.textContent).toContain("With Omar Casting");
    expect(first?.textContent).toContain("Tuesday, 1 December 2026 · 11:00–11:30 GMT");
  });

  it("says so when a tab is empty", async () => {
    bridge.bookings.delete("bk_cancelled");
    render(<AuditionBookings client={client()} now={() => NOW} initialTab="cancelled" />);
    expect(await screen.findByText("No cancelled auditions.")).toBeTruthy();
  });

  it("shows the bridge error with a retry", async () => {
    render(<AuditionBookings client={client("expired")} now={() => NOW} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "The auditions could not be loaded. Your session has ended. Sign in again.",
    );
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("cancels with a required reason through the bridge, then reloads", async () => {
    const user = userEvent.setup();
    render(<AuditionBookings client={client()} now={() => NOW} />);
    const [first] = await screen.findAllByRole("article");
    const cancelButton = within(first as HTMLElement).getByRole("button", {
      name: "Cancel the audition for Hamlet — lead",
    });
    await user.click(cancelButton);
    const dialog = screen.getByRole("dialog", { name: "Cancel the audition" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const reason = within(dialog).getByLabelText("Reason for cancelling");
    expect(document.activeElement).toBe(reason);

    await user.click(within(dialog).getByRole("button", { name: "Cancel audition" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("Give a reason.");

    await user.type(reason, "Caster unavailable");
    await user.click(within(dialog).getByRole("button", { name: "Cancel audition" }));
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(1));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(bridge.bookings.get("bk_up")?.status).toBe("cancelled");
    expect(bridge.bookings.get("bk_up")?.cancellationReason).toBe("Caster unavailable");
  });

  it("shows the bridge's refusal in the cancel dialog (cancelled elsewhere meanwhile)", async () => {
    const user = userEvent.setup();
    render(<AuditionBookings client={client()} now={() => NOW} />);
    const [first] = await screen.findAllByRole("article");
    await user.click(within(first as HTMLElement).getByRole("button", { name: /Cancel the audition/ }));
    const up = bridge.bookings.get("bk_up");
    if (up) bridge.bookings.set(up.id, { ...up, status: "cancelled" }); // e.g. through Cal.com
    const dialog = screen.getByRole("dialog", { name: "Cancel the audition" });
    await user.type(within(dialog).getByLabelText("Reason for cancelling"), "Clash");
    await user.click(within(dialog).getByRole("button", { name: "Cancel audition" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "The audition was not cancelled. This audition can no longer be changed this way. Reload to see where it stands.",
    );
  });

  it("Escape closes the cancel dialog and focus goes back to the button", async () => {
    const user = userEvent.setup();
    render(<AuditionBookings client={client()} now={() => NOW} />);
    const [first] = await screen.findAllByRole("article");
    const cancelButton = within(first as HTMLElement).getByRole("button", { name: /Cancel the audition/ });
    await user.click(cancelButton);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(cancelButton);
  });

  it("renders in Arabic, right to left, Gregorian dates with the Hijri date beside them", async () => {
    bridge.bookings.clear();
    const booking = makeBooking({
      id: "bk_ar",
      talent: { id: "u_talent", name: "ليلى حداد", email: "layla@example.com" },
      castingCall: { id: "cc_1", title: "هاملت — الدور الرئيسي" },
      location: null,
    });
    bridge.bookings.set(booking.id, booking);
    render(<AuditionBookings client={client()} cal={cal} now={() => NOW} locale="ar" showHijri />);
    const card = await screen.findByRole("article");
    const page = screen.getByRole("heading", { level: 1 }).closest("section") as HTMLElement;
    expect(page.getAttribute("dir")).toBe("rtl");
    expect(page.getAttribute("lang")).toBe("ar");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("تجارب الأداء الخاصة بي");
    expect(card.textContent).toContain("الثلاثاء، ١ ديسمبر ٢٠٢٦"); // Gregorian, Arabic-Indic digits
    expect(card.textContent).toContain("بالتقويم الهجري: ٢١ جمادى الآخرة ١٤٤٨ هـ");
    // The video icon is mirrored so it points along the reading direction.
    expect(card.querySelector<SVGElement>('[data-icon="video"]')?.style.transform).toBe("scaleX(-1)");
    // No English left: every Latin letter on the page belongs to the URL-free, name-free data.
    expect(page.textContent).not.toMatch(/[A-Za-z]/);
  });
});
