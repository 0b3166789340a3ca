import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { insertTestBooking } from "../../test/insert-test-bookings.ts";
import { type SmtpCapture, startSmtpCapture } from "../../test/start-smtp-capture.ts";
import { sendReminderEmail } from "./send-reminder-email.ts";

describe("reminder e-mails through a real SMTP server, in English and Arabic", () => {
  let db: TestDatabase;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp.close();
    await db.drop();
  });

  async function send(
    args: Parameters<typeof insertTestBooking>[1],
    role: "talent" | "caster",
    kind: "24h" | "1h",
  ) {
    const bookingId = await insertTestBooking(db.pool, args);
    const transport = createTransport(smtp.url);
    const before = smtp.messages.length;
    const result = await sendReminderEmail({
      db: db.pool,
      transport,
      from: "TakeOne <no-reply@takeone.test>",
      job: { bookingId, kind, role },
      now: new Date("2027-03-27T09:00:00Z"),
    });
    transport.close();
    expect(result).toBe("sent");
    const mail = smtp.messages[before];
    if (!mail) throw new Error("no message arrived");
    return { mail, bookingId };
  }

  // Europe/London moves to BST on 2027-03-28 at 01:00 UTC: 10:00 UTC is 10:00 the day before, 11:00 after.
  it("English, Europe/London, either side of the DST change: local time and zone named", async () => {
    const before = await send(
      {
        scheduledAt: new Date("2027-03-27T10:00:00Z"),
        talent: { locale: "en", timezone: "Europe/London", name: "Tom" },
      },
      "talent",
      "1h",
    );
    expect(before.mail.subject).toBe("Starting soon: your audition for Lead role");
    expect(before.mail.text).toContain(
      "Saturday 27 March 2027 at 10:00 — Greenwich Mean Time (Europe/London)".replace(
        "Saturday",
        "Saturday,",
      ),
    );
    expect(before.mail.html).toContain('<html lang="en" dir="ltr">');

    const after = await send(
      {
        scheduledAt: new Date("2027-03-28T10:00:00Z"),
        talent: { locale: "en", timezone: "Europe/London", name: "Tom" },
      },
      "talent",
      "24h",
    );
    expect(after.mail.subject).toBe("Reminder: your audition for Lead role is tomorrow");
    expect(after.mail.text).toContain("Sunday, 28 March 2027 at 11:00 — British Summer Time (Europe/London)");
    expect(after.mail.text).toContain("Hello Tom,");
  });

  it("Arabic, Asia/Riyadh: Arabic subject and body, right to left, Gregorian date, .ics attached", async () => {
    const { mail, bookingId } = await send(
      {
        scheduledAt: new Date("2027-03-28T10:00:00Z"),
        title: "الدور الرئيسي",
        caster: { locale: "ar", timezone: "Asia/Riyadh", name: "سارة" },
      },
      "caster",
      "24h",
    );
    expect(mail.subject).toBe("تذكير: تجربة الأداء الخاصة بـ الدور الرئيسي غدًا");
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain("مرحبًا سارة،");
    // 10:00 UTC is 1 pm in Riyadh (UTC+3, no DST); Gregorian month name, Arabic-Indic digits
    expect(mail.text).toContain("الأحد، ٢٨ مارس ٢٠٢٧ في ١:٠٠ م — التوقيت العربي الرسمي (Asia/Riyadh)");
    expect(mail.text).not.toMatch(/Hello|Reminder|audition/);
    expect(mail.headers.get("content-language")).toBe("ar");

    const ics = mail.attachments.find((a) => a.filename === "audition.ics");
    expect(ics?.contentType).toBe("text/calendar");
    const body = ics?.content.toString("utf8") ?? "";
    expect(body).toContain(`UID:${bookingId}@takeone`);
    expect(body).toContain("DTSTART:20270328T100000Z");
    expect(body).toContain("DTEND:20270328T103000Z");
  });

  it("Arabic, Europe/London across the DST change", async () => {
    const { mail } = await send(
      { scheduledAt: new Date("2027-03-28T10:00:00Z"), talent: { locale: "ar", timezone: "Europe/London" } },
      "talent",
      "1h",
    );
    expect(mail.text).toContain("١١:٠٠ ص — توقيت بريطانيا الصيفي (Europe/London)");
  });

  it("the .ics attachment is the same bytes in both languages", async () => {
    const scheduledAt = new Date("2027-04-02T08:00:00Z");
    const en = await send({ scheduledAt, talent: { locale: "en" } }, "talent", "24h");
    const ar = await send({ scheduledAt, talent: { locale: "ar" } }, "talent", "24h");
    const strip = (s: string) => s.replace(/UID:.*\r\n/, "");
    expect(strip(en.mail.attachments[0]?.content.toString("utf8") ?? "")).toBe(
      strip(ar.mail.attachments[0]?.content.toString("utf8") ?? "x"),
    );
  });

  it("skips a booking cancelled between the sweep and the e-mail", async () => {
    const bookingId = await insertTestBooking(db.pool, {
      scheduledAt: new Date("2027-05-01T08:00:00Z"),
      status: "cancelled",
    });
    const transport = createTransport(smtp.url);
    const before = smtp.messages.length;
    const result = await sendReminderEmail({
      db: db.pool,
      transport,
      from: "x@takeone.test",
      job: { bookingId, kind: "24h", role: "talent" },
      now: new Date(),
    });
    transport.close();
    expect(result).toBe("skipped");
    expect(smtp.messages.length).toBe(before);
  });
});
