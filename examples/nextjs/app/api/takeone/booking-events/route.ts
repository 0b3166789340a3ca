// TakeOne's Next.js backend receiving the bridge's booking events (TAKEONE_EVENTS_URL points here).
import { TakeOneEventError, verifyTakeOneEvent } from "@takeone/calcom-bridge";

export async function POST(request: Request): Promise<Response> {
  try {
    const { id, event } = await verifyTakeOneEvent(request, process.env.TAKEONE_EVENTS_SECRET ?? "");
    // Deduplicate on `id` (the same on every retry), then act: event.type, event.data (the booking).
    console.log(id, event.type, event.data.status);
    return new Response(null, { status: 204 });
  } catch (error) {
    // A bad signature or body is answered 4xx; the bridge then stops retrying it only after its schedule.
    if (error instanceof TakeOneEventError) return new Response(null, { status: 400 });
    throw error;
  }
}

export const runtime = "nodejs";
