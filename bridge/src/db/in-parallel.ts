import type { Queryable } from "./queryable.ts";

/** Whether statements given to this client before the previous ones answered go out at once. */
export function isPipelined(db: Queryable): boolean {
  return (db as { pipeline?: unknown }).pipeline === true;
}

/**
 * Independent steps of one transaction. On a pipelined client (create-pool.ts, `pipeline`) their
 * statements are written together and PostgreSQL runs them in order, answering in one round trip;
 * otherwise (a pool a library user passed in) they run one after another. Either way the server
 * executes them in the order given, so a later step sees what an earlier one wrote.
 */
export async function inParallel<T extends readonly unknown[]>(
  db: Queryable,
  steps: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (isPipelined(db)) return (await Promise.all(steps.map((step) => step()))) as unknown as T;
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}
