import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BookAudition, type BookAuditionProps } from "./book-audition.tsx";

// In jsdom embed.js never runs, so Cal.com's snippet keeps every instruction in its queues
// (`Cal.q`, `Cal.ns[ns].q`): the exact calls the real embed.js will replay. The browser test
// (plugin/test/demo.browser.test.ts) checks the iframe the real embed.js builds from them.
type Queued = unknown[];
interface SnippetCal {
  q: Queued[];
  ns: Record<string, ((...args: unknown[]) => void) & { q: Queued[] }>;
}
const cal = () => (window as unknown as { Cal: SnippetCal }).Cal;
/** A namespace's queued instructions as plain arrays (the snippet stores `arguments` objects). */
const queueOf = (namespace: string): Queued[] =>
  (cal().ns[namespace]?.q ?? []).map((call) => Array.from(call));

const application = {
  id: "app_42",
  castingCallTitle: "Hamlet — lead",
  talent: { name: "Layla Haddad", email: "layla@example.com" },
};
const caster = { name: "Omar Casting", email: "omar@example.com" };
const base: BookAuditionProps = {
  calOrigin: "https://cal.takeone.test",
  calLink: "takeone/audition",
  application,
  caster,
  namespace: "audition",
};

afterEach(() => {
  cleanup();
  delete (window as unknown as { Cal?: unknown }).Cal;
  for (const script of document.head.querySelectorAll("script")) script.remove();
});

/** What embed.js does with a message from the booking page: a window CustomEvent "CAL:<ns>:<action>". */
function fire(namespace: string, action: string, data: unknown) {
  const fullType = `CAL:${namespace}:${action}`;
  act(() => {
    window.dispatchEvent(new CustomEvent(fullType, { detail: { type: action, namespace, fullType, data } }));
  });
}

async function waitForInline(namespace: string) {
  await vi.waitFor(() => expect(queueOf(namespace)[1]?.[0]).toBe("inline"));
}

describe("BookAudition", () => {
  it("loads embed.js from the self-hosted origin and queues init + inline with the prefill and metadata", async () => {
    render(<BookAudition {...base} />);
    await waitForInline("audition");

    const scripts = [...document.head.querySelectorAll("script")].map((s) => s.getAttribute("src"));
    expect(scripts).toEqual(["https://cal.takeone.test/embed/embed.js"]);
    expect(cal().q).toContainEqual(["initNamespace", "audition"]);

    const queue = queueOf("audition");
    expect(queue[0]).toEqual(["init", "audition", { origin: "https://cal.takeone.test" }]);
    const inline = queue[1] as [string, { calLink: string; elementOrSelector: Element; config: unknown }];
    expect(inline[0]).toBe("inline");
    expect(inline[1].calLink).toBe("takeone/audition");
    expect(inline[1].elementOrSelector).toBe(screen.getByTestId("cal-embed"));
    expect(inline[1].config).toEqual({
      name: "Omar Casting",
      email: "omar@example.com",
      guests: ["layla@example.com"],
      "metadata[applicationId]": "app_42",
      applicationId: "app_42",
      castingCallTitle: "Hamlet — lead",
      talentName: "Layla Haddad",
      theme: "light",
      layout: "month_view",
    });
    expect(queue).toHaveLength(2);
    expect(screen.getByRole("region", { name: "Audition booking calendar for Layla Haddad" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Loading the Cal.com booking calendar…");
  });

  it("honours an explicit embedJsUrl, custom booking field names, theme and brand colour", async () => {
    render(
      <BookAudition
        {...base}
        embedJsUrl="https://cdn.takeone.test/cal/embed.js"
        bookingFieldNames={{ applicationId: "app-id", castingCallTitle: "call", talentName: "talent" }}
        theme="dark"
        brandColor="#7c3aed"
      />,
    );
    await vi.waitFor(() => expect(queueOf("audition").map((c) => c[0])).toContain("ui"));
    expect(document.head.querySelector("script")?.getAttribute("src")).toBe(
      "https://cdn.takeone.test/cal/embed.js",
    );
    const queue = queueOf("audition");
    const inline = queue[1]?.[1] as { config: Record<string, unknown> };
    expect(inline.config).toMatchObject({
      "app-id": "app_42",
      call: "Hamlet — lead",
      talent: "Layla Haddad",
      "metadata[applicationId]": "app_42",
      theme: "dark",
    });
    expect(queue).toContainEqual([
      "ui",
      { cssVarsPerTheme: { light: { "cal-brand": "#7c3aed" }, dark: { "cal-brand": "#7c3aed" } } },
    ]);
  });

  it("opens Cal.com's reschedule page for the booking uid in reschedule mode", async () => {
    render(<BookAudition {...base} rescheduleUid="bk_uid_1" />);
    await waitForInline("audition");
    const inline = queueOf("audition")[1]?.[1] as { calLink: string };
    expect(inline.calLink).toBe("reschedule/bk_uid_1");
    expect(
      screen.getByRole("region", { name: "Calendar to reschedule the audition for Hamlet — lead" }),
    ).toBeTruthy();
  });

  it("gives every mounted instance its own namespace when none is given", async () => {
    const { namespace: _ignored, ...withoutNamespace } = base;
    render(
      <>
        <BookAudition {...withoutNamespace} />
        <BookAudition {...withoutNamespace} />
      </>,
    );
    await vi.waitFor(() => expect(Object.keys(cal().ns)).toHaveLength(2));
    for (const ns of Object.keys(cal().ns)) expect(ns).toMatch(/^takeone[a-zA-Z0-9]+$/);
  });

  it("surfaces bookingSuccessfulV2 once per uid and shows confirming… until the caller confirms", async () => {
    const onBookingComplete = vi.fn();
    let confirm: (r: "confirmed") => void = () => {};
    const confirmBooking = vi.fn(() => new Promise<"confirmed">((resolve) => (confirm = resolve)));
    render(<BookAudition {...base} onBookingComplete={onBookingComplete} confirmBooking={confirmBooking} />);
    await waitForInline("audition");
    fire("audition", "linkReady", {});
    const data = {
      uid: "bk_new",
      startTime: "2026-12-01T11:00:00.000Z",
      endTime: "2026-12-01T11:30:00.000Z",
      paymentRequired: false,
      isRecurring: false,
    };
    fire("audition", "bookingSuccessfulV2", data);
    fire("audition", "bookingSuccessfulV2", data);
    const expected = {
      uid: "bk_new",
      startTime: "2026-12-01T11:00:00.000Z",
      endTime: "2026-12-01T11:30:00.000Z",
      rescheduled: false,
    };
    expect(onBookingComplete).toHaveBeenCalledTimes(1);
    expect(onBookingComplete).toHaveBeenCalledWith(expected);
    expect(confirmBooking).toHaveBeenCalledWith(expected);
    expect(screen.getByRole("status").textContent).toBe("Booked in Cal.com. Confirming with TakeOne…");
    await act(async () => confirm("confirmed"));
    // 11:00Z is 14:00 in Riyadh (UTC+3, no DST): the viewer's zone by default.
    expect(screen.getByRole("status").textContent).toBe(
      "Audition booked: Tuesday, 1 December 2026, 14:00–14:30 GMT+3.",
    );
  });

  it("reports a reschedule with rescheduled: true and the new uid", async () => {
    const onBookingComplete = vi.fn();
    render(<BookAudition {...base} rescheduleUid="bk_old" onBookingComplete={onBookingComplete} />);
    await waitForInline("audition");
    fire("audition", "rescheduleBookingSuccessfulV2", {
      uid: "bk_moved",
      startTime: "2026-12-02T08:00:00Z",
      endTime: "2026-12-02T08:30:00Z",
    });
    expect(onBookingComplete).toHaveBeenCalledWith({
      uid: "bk_moved",
      startTime: "2026-12-02T08:00:00Z",
      endTime: "2026-12-02T08:30:00Z",
      rescheduled: true,
    });
    expect(screen.getByRole("status").textContent).toBe(
      "Cal.com has the booking. It will appear in your bookings shortly.",
    );
  });

  it("ignores a booking event without a uid (a dry run or a stray message)", async () => {
    const onBookingComplete = vi.fn();
    render(<BookAudition {...base} onBookingComplete={onBookingComplete} />);
    await waitForInline("audition");
    fire("audition", "bookingSuccessfulV2", { paymentRequired: false });
    expect(onBookingComplete).not.toHaveBeenCalled();
  });

  it("shows linkFailed as an alert with the code and hides the frame", async () => {
    render(<BookAudition {...base} />);
    await waitForInline("audition");
    fire("audition", "linkFailed", { code: "404", msg: "Not found", data: { url: "x" } });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Cal.com could not open takeone/audition");
    expect(alert.textContent).toContain("(404)");
    expect(screen.getByTestId("cal-embed").style.display).toBe("none");
  });

  it("shows 'Cal.com not reachable at …' when linkReady never comes, and retries", async () => {
    render(<BookAudition {...base} loadTimeoutMs={30} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Cal.com not reachable at https://cal.takeone.test");
    act(() => screen.getByRole("button", { name: "Try again" }).click());
    // embed.js never arrived: the snippet is reset so the script is injected again, in a fresh namespace.
    await vi.waitFor(() =>
      expect(queueOf("auditionr1")[0]).toEqual([
        "init",
        "auditionr1",
        { origin: "https://cal.takeone.test" },
      ]),
    );
    expect(document.head.querySelectorAll("script")).toHaveLength(1);
  });

  it("speaks Arabic right to left with the locale prop, dates in Arabic in the viewer's zone", async () => {
    let confirm: (r: "confirmed") => void = () => {};
    render(
      <BookAudition
        {...base}
        locale="ar"
        timeZone="Europe/London"
        confirmBooking={() => new Promise((resolve) => (confirm = resolve))}
      />,
    );
    const region = screen.getByRole("region", { name: "تقويم حجز تجربة الأداء مع Layla Haddad" });
    expect(region.getAttribute("dir")).toBe("rtl");
    expect(region.getAttribute("lang")).toBe("ar");
    await waitForInline("audition");
    fire("audition", "bookingSuccessfulV2", {
      uid: "u1",
      startTime: "2026-12-01T11:00:00Z",
      endTime: "2026-12-01T11:30:00Z",
    });
    await act(async () => confirm("confirmed"));
    const text = screen.getByRole("status").textContent ?? "";
    expect(text).toContain("تم حجز تجربة الأداء");
    expect(text).toContain("١١:٠٠"); // London in December is UTC+0, Arabic-Indic digits
    expect(text).not.toMatch(/[A-Za-z]{3,}/); // no English words left (zone named in Arabic)
  });
});
