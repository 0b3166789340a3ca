/**
 * When to try an outbound event again after its `attempt`-th failed attempt (1-based), or `null`
 * when the schedule is used up and the event is dead-lettered (status `failed`).
 *
 * The schedule is Svix's by default (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between attempts;
 * docs.svix.com/retries), already exponential-ish; each pause gets up to +20 % random jitter so that
 * events that failed together (a receiver outage) do not all come back in the same instant
 * (Standard Webhooks spec: "exponential backoff with jitter").
 */
export function planRetry(args: {
  attempt: number;
  scheduleMs: readonly number[];
  now: Date;
  /** [0, 1); injectable for tests */
  random?: () => number;
}): Date | null {
  const pause = args.scheduleMs[args.attempt - 1];
  if (pause === undefined) return null;
  const jitter = pause * 0.2 * (args.random ?? Math.random)();
  return new Date(args.now.getTime() + Math.round(pause + jitter));
}
