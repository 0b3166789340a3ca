import { cleanup, render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { TakeOneLocaleProvider } from "../i18n/take-one-locale-provider.tsx";
import { BookAuditionButton } from "./book-audition-button.tsx";

afterEach(() => {
  cleanup();
  delete (window as unknown as { Cal?: unknown }).Cal;
  for (const script of document.head.querySelectorAll("script")) script.remove();
});

const props = {
  calOrigin: "https://cal.takeone.test",
  calLink: "takeone/audition",
  application: {
    id: "app_1",
    castingCallTitle: "Hamlet — lead",
    talent: { name: "Layla Haddad", email: "l@example.com" },
  },
  caster: { name: "Omar", email: "o@example.com" },
};

describe("BookAuditionButton", () => {
  it("opens a labelled modal dialog with the embed, keeps Tab inside and closes on Escape", async () => {
    const user = userEvent.setup();
    render(<BookAuditionButton {...props} />);
    const button = screen.getByRole("button", { name: "Book an audition with Layla Haddad" });
    expect(button.getAttribute("aria-haspopup")).toBe("dialog");
    expect(button.textContent).toBe("Book audition");
    await user.click(button);
    const dialog = screen.getByRole("dialog", { name: "Book an audition: Hamlet — lead" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    // The page behind is inert while the dialog is open.
    expect(button.closest("[inert]")).not.toBeNull();
    expect(
      within(dialog).getByRole("region", { name: "Audition booking calendar for Layla Haddad" }),
    ).toBeTruthy();
    // Tab from the last control wraps to the first: focus never leaves the dialog.
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.closest("[inert]")).toBeNull();
  });

  it("takes the language from TakeOneLocaleProvider: Arabic labels, dialog right to left", async () => {
    const user = userEvent.setup();
    render(
      <TakeOneLocaleProvider locale="ar">
        <BookAuditionButton {...props} />
      </TakeOneLocaleProvider>,
    );
    await user.click(screen.getByRole("button", { name: "حجز تجربة أداء مع Layla Haddad" }));
    const dialog = screen.getByRole("dialog", { name: "حجز تجربة أداء: Hamlet — lead" });
    expect(dialog.getAttribute("dir")).toBe("rtl");
    expect(within(dialog).getByRole("button", { name: "إغلاق" })).toBeTruthy();
  });
});
