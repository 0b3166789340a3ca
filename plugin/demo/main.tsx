// The TakeOne-like demo: sign in as a seeded caster or talent, the applications page with Book
// audition, and the bookings page. `?lang=ar` sets <html lang="ar" dir="rtl">.
import { StrictMode, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import {
  AuditionBookings,
  BookAuditionButton,
  type BookingCompleted,
  createBridgeClient,
  directionOf,
  findBookingByCalcomUid,
  resolveLocale,
  type TakeOneLocale,
  TakeOneLocaleProvider,
} from "../src/index.ts";
import type { DemoConfig, DemoUser } from "./demo-config.ts";

// The demo's own words (the plugin's are in its catalogues).
const words = {
  en: {
    signInTitle: "Sign in to the TakeOne demo",
    signInAs: "Sign in as {name} ({role})",
    caster: "caster",
    talent: "talent",
    applications: "Applications",
    bookings: "My auditions",
    signedInAs: "Signed in as {name}",
    signOut: "Sign out",
    language: "العربية",
    applicant: "Applicant: {name}",
    events: "Booking events",
  },
  ar: {
    signInTitle: "تسجيل الدخول إلى عرض TakeOne",
    signInAs: "الدخول باسم {name} ({role})",
    caster: "مسؤول اختيار الممثلين",
    talent: "موهبة",
    applications: "الطلبات",
    bookings: "تجارب الأداء الخاصة بي",
    signedInAs: "مسجَّل الدخول باسم {name}",
    signOut: "تسجيل الخروج",
    language: "English",
    applicant: "المتقدّم: {name}",
    events: "أحداث الحجز",
  },
} satisfies Record<TakeOneLocale, Record<string, string>>;

function fill(text: string, params: Record<string, string>) {
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? "");
}

function linkTo(params: Record<string, string | null>) {
  const search = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === null) search.delete(k);
    else search.set(k, v);
  }
  return `?${search.toString()}`;
}

function App({ config }: { config: DemoConfig }) {
  const search = new URLSearchParams(window.location.search);
  const user: DemoUser | undefined = config.users.find((u) => u.id === search.get("as"));
  const locale = resolveLocale(search.get("lang") ?? user?.locale ?? "en");
  const page = search.get("page") ?? (user?.role === "caster" ? "applications" : "bookings");
  const w = words[locale];
  const [events, setEvents] = useState<BookingCompleted[]>([]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);

  const client = useMemo(
    () =>
      createBridgeClient({
        baseUrl: config.bridgeUrl || window.location.origin,
        getToken: () => user?.token ?? null,
        locale,
      }),
    [config.bridgeUrl, user, locale],
  );
  // The embed's event is a hint: wait (up to ~10 s) until the bridge has the booking from Cal.com's webhook.
  const confirmBooking = async (booking: BookingCompleted) => {
    for (let i = 0; i < 20; i++) {
      const found = await findBookingByCalcomUid(client, booking.uid);
      if (found.ok && found.value) return "confirmed" as const;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return "not-yet" as const;
  };
  const cal = { calOrigin: config.calOrigin, calLink: config.calLink };

  if (!user) {
    return (
      <main style={{ maxInlineSize: "40rem", marginInline: "auto", padding: "2rem" }}>
        <h1>{w.signInTitle}</h1>
        <ul style={{ display: "grid", gap: "0.5rem", listStyle: "none", padding: 0 }}>
          {config.users.map((u) => (
            <li key={u.id}>
              <a href={linkTo({ as: u.id, lang: search.get("lang") ?? u.locale, page: null })}>
                {fill(w.signInAs, { name: u.name, role: w[u.role] })}
              </a>
            </li>
          ))}
        </ul>
        <a href={linkTo({ lang: locale === "ar" ? "en" : "ar" })}>{w.language}</a>
      </main>
    );
  }

  return (
    <TakeOneLocaleProvider locale={locale} timeZone={user.timeZone} showHijri={locale === "ar"}>
      <header
        style={{
          display: "flex",
          gap: "1rem",
          alignItems: "center",
          paddingBlock: "0.75rem",
          paddingInline: "1.5rem",
          background: "#1e1b4b",
          color: "#fff",
          flexWrap: "wrap",
        }}
      >
        <strong style={{ fontSize: "1.25rem" }}>TakeOne</strong>
        <nav style={{ display: "flex", gap: "1rem" }}>
          {user.role === "caster" && (
            <a
              style={{ color: "#fff" }}
              href={linkTo({ page: "applications" })}
              aria-current={page === "applications" ? "page" : undefined}
            >
              {w.applications}
            </a>
          )}
          <a
            style={{ color: "#fff" }}
            href={linkTo({ page: "bookings" })}
            aria-current={page === "bookings" ? "page" : undefined}
          >
            {w.bookings}
          </a>
        </nav>
        <span style={{ marginInlineStart: "auto" }}>{fill(w.signedInAs, { name: user.name })}</span>
        <a style={{ color: "#fff" }} href={linkTo({ lang: locale === "ar" ? "en" : "ar" })}>
          {w.language}
        </a>
        <a style={{ color: "#fff" }} href={linkTo({ as: null, page: null })}>
          {w.signOut}
        </a>
      </header>
      <main style={{ maxInlineSize: "60rem", marginInline: "auto", padding: "1.5rem" }}>
        {page === "applications" && user.role === "caster" ? (
          <section aria-labelledby="applications-title">
            <h1 id="applications-title">{w.applications}</h1>
            <ul style={{ display: "grid", gap: "0.75rem", listStyle: "none", padding: 0 }}>
              {config.applications
                .filter((application) => !application.casterUserId || application.casterUserId === user.id)
                .map((application) => (
                  <li
                    key={application.id}
                    style={{
                      background: "#fff",
                      border: "1px solid #e2e8f0",
                      borderRadius: "0.75rem",
                      padding: "1rem",
                      display: "flex",
                      gap: "1rem",
                      alignItems: "center",
                      flexWrap: "wrap",
                    }}
                  >
                    <div>
                      <h2 style={{ margin: 0, fontSize: "1.125rem" }}>{application.castingCallTitle}</h2>
                      <p style={{ margin: 0 }}>{fill(w.applicant, { name: application.talent.name })}</p>
                    </div>
                    <div style={{ marginInlineStart: "auto" }}>
                      <BookAuditionButton
                        {...cal}
                        application={application}
                        caster={{ name: user.name, email: user.email }}
                        brandColor="#6d28d9"
                        {...(config.loadTimeoutMs ? { loadTimeoutMs: config.loadTimeoutMs } : {})}
                        confirmBooking={confirmBooking}
                        onBookingComplete={(booking) => setEvents((list) => [...list, booking])}
                      />
                    </div>
                  </li>
                ))}
            </ul>
            <h2 style={{ fontSize: "1rem" }}>{w.events}</h2>
            <output
              data-testid="booking-events"
              dir="ltr"
              style={{ display: "block", fontFamily: "monospace", whiteSpace: "pre-wrap" }}
            >
              {events.map((e) => JSON.stringify(e)).join("\n")}
            </output>
          </section>
        ) : (
          <AuditionBookings
            client={client}
            cal={cal}
            viewerUserId={user.id}
            confirmBooking={confirmBooking}
          />
        )}
      </main>
    </TakeOneLocaleProvider>
  );
}

const response = await fetch("./demo-config.json");
const config = (await response.json()) as DemoConfig;
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}
