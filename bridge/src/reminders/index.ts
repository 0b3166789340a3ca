export { decideReminder } from "./decide-reminder.ts";
export { type OnReminder, type SweepResult, sweepReminders } from "./sweep-reminders.ts";
