import type { ReminderKind } from "../events/index.ts";

export const LOCALES = ["en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/** Everything a reminder e-mail says, per language. */
interface ReminderMessages {
  /** BCP 47 tag for Intl: Gregorian calendar for Arabic too (ar-SA defaults to the Islamic calendar in ICU) */
  intlLocale: string;
  dir: "ltr" | "rtl";
  subject(kind: ReminderKind, title: string): string;
  greeting(name: string): string;
  lead(kind: ReminderKind, role: "talent" | "caster", other: string, title: string): string;
  whenLabel: string;
  durationLabel: string;
  minutes(n: string): string;
  joinLabel: string;
  locationLabel: string;
  meetingTypes: Record<"video" | "phone" | "in-person", string>;
  icsNote: string;
  footer: string;
}

const en: ReminderMessages = {
  intlLocale: "en-GB",
  dir: "ltr",
  subject: (kind, title) =>
    kind === "24h"
      ? `Reminder: your audition for ${title} is tomorrow`
      : `Starting soon: your audition for ${title}`,
  greeting: (name) => `Hello ${name},`,
  lead: (kind, role, other, title) =>
    `${kind === "24h" ? "This is a reminder that" : "In less than an hour,"} ${
      role === "talent"
        ? `your audition for “${title}” with ${other}`
        : `the audition of ${other} for “${title}”`
    } ${kind === "24h" ? "takes place within the next 24 hours." : "begins."}`,
  whenLabel: "When",
  durationLabel: "Duration",
  minutes: (n) => `${n} minutes`,
  joinLabel: "Join",
  locationLabel: "Where",
  meetingTypes: { video: "Video call", phone: "Phone call", "in-person": "In person" },
  icsNote: "The attached calendar file adds the audition to your calendar.",
  footer: "TakeOne",
};

const ar: ReminderMessages = {
  intlLocale: "ar-SA-u-ca-gregory",
  dir: "rtl",
  subject: (kind, title) =>
    kind === "24h"
      ? `تذكير: تجربة الأداء الخاصة بـ ${title} غدًا`
      : `تبدأ قريبًا: تجربة الأداء الخاصة بـ ${title}`,
  greeting: (name) => `مرحبًا ${name}،`,
  lead: (kind, role, other, title) =>
    `${kind === "24h" ? "نذكّرك بأن" : "خلال أقل من ساعة تبدأ"} ${
      role === "talent" ? `تجربة أدائك لـ «${title}» مع ${other}` : `تجربة أداء ${other} لـ «${title}»`
    }${kind === "24h" ? " ستُعقد خلال الساعات الأربع والعشرين القادمة." : "."}`,
  whenLabel: "الموعد",
  durationLabel: "المدة",
  minutes: (n) => `${n} دقيقة`,
  joinLabel: "رابط الانضمام",
  locationLabel: "المكان",
  meetingTypes: { video: "مكالمة فيديو", phone: "مكالمة هاتفية", "in-person": "حضوريًا" },
  icsNote: "يضيف ملف التقويم المرفق تجربة الأداء إلى تقويمك.",
  footer: "TakeOne",
};

export const REMINDER_MESSAGES: Record<Locale, ReminderMessages> = { en, ar };

export function toLocale(value: string): Locale {
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : "en";
}
