export { buildIcs } from "./build-ics.ts";
export { decideReminder } from "./decide-reminder.ts";
export { LOCALES, type Locale, REMINDER_MESSAGES } from "./reminder-messages.ts";
export { formatWhen, type ReminderRecipient, renderReminderEmail } from "./render-reminder-email.ts";
export { type ReminderEmailJob, sendReminderEmail } from "./send-reminder-email.ts";
export { type OnReminder, type SweepResult, sweepReminders } from "./sweep-reminders.ts";
