import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AtomsModule, CalProviderLikeProps } from "./atoms-module.ts";
import { CasterAvailability } from "./caster-availability.tsx";
import { CasterEventTypes } from "./caster-event-types.tsx";
import { TakeOneCalProvider } from "./take-one-cal-provider.tsx";

// @calcom/atoms is not installed here (it pulls Next.js, 474 MB; machine-facts.md), so these tests
// give the wrapper a stand-in module that records what it receives. They check the wrapper's own
// logic (token first, states, language and direction), not the atoms.
const received: { provider: CalProviderLikeProps[]; availability: unknown[]; eventTypes: unknown[] } = {
  provider: [],
  availability: [],
  eventTypes: [],
};
const standIn: AtomsModule = {
  CalProvider: (props) => {
    const { children, ...rest } = props;
    received.provider.push(rest);
    return <div data-testid="cal-provider">{children}</div>;
  },
  AvailabilitySettings: (props: unknown) => {
    received.availability.push(props);
    return <div>availability</div>;
  },
  ListEventTypes: (props: unknown) => {
    received.eventTypes.push(props);
    return <div>event types</div>;
  },
};

afterEach(() => {
  cleanup();
  received.provider.length = 0;
  received.availability.length = 0;
  received.eventTypes.length = 0;
});

const base = {
  atoms: standIn,
  clientId: "client_1",
  apiUrl: "https://cal-api.takeone.test/v2",
  refreshUrl: "https://bridge.takeone.test/atoms/refresh",
};

describe("TakeOneCalProvider", () => {
  it("fetches the access token first, then renders CalProvider with the API, refresh URL and direction", async () => {
    render(
      <TakeOneCalProvider {...base} getAccessToken={async () => "token_abc"}>
        <CasterAvailability customClassNames={{ x: "y" }} />
        <CasterEventTypes />
      </TakeOneCalProvider>,
    );
    expect(screen.getByRole("status").textContent).toBe("Connecting to Cal.com…");
    await screen.findByTestId("cal-provider");
    expect(received.provider.at(-1)).toEqual({
      clientId: "client_1",
      accessToken: "token_abc",
      options: {
        apiUrl: "https://cal-api.takeone.test/v2",
        refreshUrl: "https://bridge.takeone.test/atoms/refresh",
        readingDirection: "ltr",
      },
      language: "en",
      autoUpdateTimezone: false,
    });
    expect(screen.getByRole("region", { name: "Your availability in Cal.com" }).textContent).toBe(
      "availability",
    );
    expect(screen.getByRole("region", { name: "Your Cal.com event types" }).textContent).toBe("event types");
    expect(received.availability.at(-1)).toEqual({ customClassNames: { x: "y" } });
  });

  it("says why when no token can be had", async () => {
    render(
      <TakeOneCalProvider
        {...base}
        getAccessToken={() => Promise.reject(new Error("API v2 is not configured"))}
      >
        <CasterAvailability />
      </TakeOneCalProvider>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Cal.com scheduling settings are not available. API v2 is not configured");
    expect(received.provider).toHaveLength(0);
  });

  it("tells a developer who forgot the provider", () => {
    expect(() => render(<CasterEventTypes />)).toThrow(
      "CasterEventTypes must be inside <TakeOneCalProvider atoms={…}>",
    );
  });

  it("in Arabic: right to left, and English for the atoms, which do not speak Arabic", async () => {
    render(
      <TakeOneCalProvider {...base} locale="ar" getAccessToken={async () => "t"}>
        <CasterAvailability locale="ar" />
      </TakeOneCalProvider>,
    );
    await screen.findByTestId("cal-provider");
    expect(received.provider.at(-1)?.options.readingDirection).toBe("rtl");
    expect(received.provider.at(-1)?.language).toBe("en");
    expect(screen.getByRole("region", { name: "أوقات إتاحتك في Cal.com" }).getAttribute("dir")).toBe("rtl");
  });
});
