import { Webhook, WebhookVerificationError } from "svix";
import { type TakeOneEvent, takeOneEventSchema } from "./event-schema.ts";

/** A request that is not a verified TakeOne booking event: answer 400 (or 401) and ignore it. */
export class TakeOneEventError extends Error {
  override readonly name = "TakeOneEventError";
  constructor(
    readonly reason: "signature" | "payload",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface VerifiedTakeOneEvent {
  /** the webhook-id: the same on every attempt of one event — deduplicate on it */
  id: string;
  event: TakeOneEvent;
}

type RawEvent = {
  body: string | Uint8Array;
  headers: Headers | Record<string, string | string[] | undefined>;
};

/**
 * For TakeOne's backend, receiving the bridge's booking events: checks the Standard Webhooks
 * signature (svix; several secrets while one is rotated, replays older than 5 minutes refused) over
 * the exact body, then reads the body with the bridge's own schema. Takes a web-standard `Request`
 * or the raw body and headers (express: `express.raw()`).
 *
 *   const { id, event } = await verifyTakeOneEvent(request, process.env.TAKEONE_EVENTS_SECRET);
 */
export async function verifyTakeOneEvent(
  input: Request | RawEvent,
  secret: string | readonly string[],
): Promise<VerifiedTakeOneEvent> {
  const body = input instanceof Request ? await input.text() : toText(input.body);
  const headers = headersOf(input instanceof Request ? input.headers : input.headers);
  const secrets = typeof secret === "string" ? [secret] : [...secret];
  if (secrets.length === 0) throw new Error("verifyTakeOneEvent needs the events secret");
  let lastError: unknown;
  for (const key of secrets) {
    try {
      // svix@2's verify checks and returns nothing; the body is read below, once it is proven.
      new Webhook(key).verify(body, headers);
      lastError = undefined;
      break;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      lastError = error;
    }
  }
  if (lastError) {
    throw new TakeOneEventError("signature", "The event's signature does not verify.", { cause: lastError });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new TakeOneEventError("payload", "The event's body is not JSON.", { cause: error });
  }
  const parsed = takeOneEventSchema.safeParse(json);
  if (!parsed.success) {
    throw new TakeOneEventError(
      "payload",
      `The event is not a TakeOne booking event: ${parsed.error.message}`,
    );
  }
  return { id: headers["webhook-id"] as string, event: parsed.data };
}

function toText(body: string | Uint8Array): string {
  return typeof body === "string" ? body : Buffer.from(body).toString("utf8");
}

function headersOf(headers: Headers | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
