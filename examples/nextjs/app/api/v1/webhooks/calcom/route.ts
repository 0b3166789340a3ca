// TakeOne's Next.js backend (App Router): Cal.com's webhooks handled in-process, on TakeOne's own
// database (migrated with the bridge's migrations, prisma/migrations). Same behaviour as the bridge.
import { createCalcomWebhookHandler } from "@takeone/calcom-bridge";

export const POST = createCalcomWebhookHandler({
  database: process.env.DATABASE_URL ?? "",
  secrets: process.env.CALCOM_WEBHOOK_SECRET ?? "",
});

// pg needs Node.js APIs: not the Edge runtime.
export const runtime = "nodejs";
