import type pg from "pg";
import { type ApplyResult, applyObservation } from "../bookings/apply-observation.ts";
import { withTransaction } from "../db/with-transaction.ts";
import type { Clock } from "../service/service-context.ts";
import type { CrmCall } from "./crm-call-schema.ts";
import { observeCrmCall } from "./observe-crm-call.ts";

export interface ApplyCrmCallDeps {
  pool: pg.Pool;
  clock: Clock;
  /** CALCOM_APPLICATION_FIELD */
  applicationField: string;
}

/**
 * A verified CRM call from the `takeone` Cal.com app, recorded and folded into its application's
 * booking in one transaction — the same state-transition code as webhooks, with the same outbound
 * event when the booking changes. Committed before the caller answers.
 */
export async function applyCrmCall(deps: ApplyCrmCallDeps, call: CrmCall): Promise<ApplyResult> {
  const observation = observeCrmCall(call, deps.applicationField);
  return withTransaction(deps.pool, (client) => applyObservation(client, observation, deps.clock.now()));
}
