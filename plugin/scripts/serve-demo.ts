// `npm run demo -w plugin`: the demo app on http://127.0.0.1:3200 with a FAKE bridge API (in memory,
// seeded; the real bridge API is issue 4) and seeded users of both languages. Cal.com is taken from
// CALCOM_URL (default http://localhost:3000); with --stand-in-calcom a local stand-in serving the
// real embed.js is started instead, so the whole flow runs with no Cal.com at all.
//
// With BRIDGE_URL (a real bridge started with CORS_ORIGINS=http://127.0.0.1:3200 and
// `npx takeone-cal demo-data`), the page calls that bridge instead, signed in as its demo caster and
// talent with CASTER_TOKEN / TALENT_TOKEN (`npx takeone-cal token --user demo-caster`). That mode was
// run by hand against the api branch (docs/plugin.md "Checked by hand against the real bridge").
import { fileURLToPath } from "node:url";
import { buildDemo } from "../demo/build-demo.ts";
import type { DemoConfig } from "../demo/demo-config.ts";
import { makeBooking } from "../test/booking-fixtures.ts";
import { startDemoServer } from "../test/start-demo-server.ts";
import { startStandInCalcom } from "../test/start-stand-in-calcom.ts";

const standIn = process.argv.includes("--stand-in-calcom");
const demoDir = fileURLToPath(new URL("../demo/dist/", import.meta.url));
await buildDemo(demoDir);

const cal = standIn
  ? await startStandInCalcom(
      {
        uid: `cal_uid_${Date.now()}`,
        startTime: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        endTime: new Date(Date.now() + 3 * 86_400_000 + 1_800_000).toISOString(),
      },
      // Stands in for Cal.com's webhook → bridge: the fake bridge stores the booking a moment later.
      (query, booked) =>
        setTimeout(() => {
          const caster = users.find((u) => u.email === query.get("email")) ?? users[0];
          if (!caster) return;
          server.bookings.set(
            booked.uid,
            makeBooking({
              id: booked.uid,
              applicationId: query.get("metadata[applicationId]") ?? "app_1",
              calcomBookingUid: booked.uid,
              scheduledAt: booked.startTime,
              casterUserId: caster.id,
              caster: { id: caster.id, name: caster.name, email: caster.email },
              castingCall: { id: "cc_demo", title: query.get("castingCallTitle") ?? "Audition" },
            }),
          );
        }, 1_500),
    )
  : null;
const calOrigin = cal?.origin ?? process.env.CALCOM_URL ?? "http://localhost:3000";

const realBridge = process.env.BRIDGE_URL;
const users: DemoConfig["users"] = realBridge
  ? [
      {
        id: "demo-caster",
        name: "Demo Caster",
        email: "caster@demo.takeone.test",
        role: "caster",
        locale: "en",
        timeZone: "Asia/Riyadh",
        token: process.env.CASTER_TOKEN ?? "",
      },
      {
        id: "demo-talent",
        name: "Demo Talent",
        email: "talent@demo.takeone.test",
        role: "talent",
        locale: "en",
        timeZone: "Asia/Riyadh",
        token: process.env.TALENT_TOKEN ?? "",
      },
    ]
  : [
      {
        id: "u_caster",
        name: "Omar Casting",
        email: "omar@example.com",
        role: "caster",
        locale: "en",
        timeZone: "Asia/Riyadh",
        token: "dev-caster-en",
      },
      {
        id: "u_caster_ar",
        name: "نورة القحطاني",
        email: "noura@example.com",
        role: "caster",
        locale: "ar",
        timeZone: "Asia/Riyadh",
        token: "dev-caster-ar",
      },
      {
        id: "u_talent",
        name: "Layla Haddad",
        email: "layla@example.com",
        role: "talent",
        locale: "en",
        timeZone: "Europe/London",
        token: "dev-talent-en",
      },
    ];
const inDays = (days: number, hourUtc: number) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
};

const server = await startDemoServer({
  demoDir,
  ...(realBridge ? { bridgeUrl: realBridge } : {}),
  port: Number(process.env.PORT ?? 3200),
  config: {
    calOrigin,
    calLink: process.env.CALCOM_AUDITION_LINK ?? "takeone/audition",
    loadTimeoutMs: 8_000,
    users,
    applications: realBridge
      ? [
          {
            id: "demo-application",
            castingCallTitle: "Demo: lead role",
            talent: { name: "Demo Talent", email: "talent@demo.takeone.test" },
          },
        ]
      : [
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
        ],
  },
  bookings: [
    makeBooking({ id: "bk_1", scheduledAt: inDays(2, 11) }),
    makeBooking({ id: "bk_2", scheduledAt: inDays(-5, 9), status: "completed" }),
    makeBooking({
      id: "bk_3",
      casterUserId: "u_caster_ar",
      scheduledAt: inDays(4, 13),
      meetingType: "in-person",
      meetingUrl: null,
      location: "استوديو جدة",
      castingCall: { id: "cc_2", title: "مسلسل رمضان — دور مساند" },
      caster: { id: "u_caster_ar", name: "نورة القحطاني", email: "noura@example.com" },
    }),
  ],
});
console.log(`TakeOne plugin demo: ${server.url}/   (English)   ${server.url}/?lang=ar   (Arabic)`);
console.log(`Cal.com origin: ${calOrigin}${cal ? " (local stand-in with the real embed.js)" : ""}`);
console.log(
  realBridge
    ? `Bridge API: ${realBridge} (needs CORS_ORIGINS=${server.url} there)`
    : "Bridge API: a fake, in memory (set BRIDGE_URL to use a real bridge).",
);
