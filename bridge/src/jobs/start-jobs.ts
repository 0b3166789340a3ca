import { createTransport } from "nodemailer";
import { PgBoss } from "pg-boss";
import { type CalcomClient, createCalcomClient } from "../calcom/index.ts";
import {
  createSigner,
  dispatchDueEvents,
  type EventSigner,
  holdPendingEvents,
  releaseHeldEvents,
} from "../events/index.ts";
import { sendPendingPropagations } from "../propagation/index.ts";
import {
  type OnReminder,
  type ReminderEmailJob,
  sendReminderEmail,
  sweepReminders,
} from "../reminders/index.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { chooseSyncSource, runScheduledSync } from "../sync/index.ts";
import { replayDeliveriesWhoseApplicationExists } from "../webhooks/replay-delivery.ts";

/** pg-boss queues of the bridge. */
export const QUEUES = {
  /** a round of outbound event delivery (events/dispatch-events.ts) */
  dispatchEvents: "events-dispatch",
  /** a reminder sweep (reminders/sweep-reminders.ts) */
  sweepReminders: "reminders-sweep",
  /** one reminder e-mail to one person (reminders/send-reminder-email.ts), when SMTP_URL is set */
  sendReminderEmail: "reminders-email",
  /** unmapped webhook deliveries whose application exists now (webhooks/replay-delivery.ts) */
  replayUnmapped: "webhooks-replay-unmapped",
  /** a round of carrying API cancels/reschedules to Cal.com (propagation/send-pending-propagations.ts) */
  propagateToCalcom: "calcom-propagate",
  /** a reconciliation with Cal.com (sync/run-scheduled-sync.ts) */
  syncCalcom: "calcom-sync",
} as const;

export interface RunningJobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Starts the background jobs on pg-boss (schema `pgboss` in the bridge's database): outbound event
 * delivery every EVENTS_POLL_MS, the reminder sweep every REMINDER_SWEEP_MS, carrying API changes to
 * Cal.com every PROPAGATION_POLL_MS and reconciling with Cal.com every CALCOM_SYNC_MS, when configured.
 *
 * Every jobs process ticks: it asks for a run of each job at its interval. The queues use pg-boss's
 * `short` policy with a singleton key, so however many processes tick there is at most one run of
 * each job waiting; whichever process is free takes it (SKIP LOCKED). pg-boss's own `schedule()` is
 * cron-based (minute granularity, checked every 30 s: webhooks-svix-pgboss-facts §2.4), too coarse for
 * a delivery poll measured in seconds. The work itself is safe to run in several processes at once
 * (leases and SKIP LOCKED in the data files), so the queue decides only who runs it, not correctness.
 */
export async function startJobs(ctx: ServiceContext, args: { databaseUrl: string }): Promise<RunningJobs> {
  const { config, logger } = ctx;
  // Checked before pg-boss starts, so a refusal leaves nothing running.
  const signer = config.TAKEONE_EVENTS_SECRET
    ? createSigner(config.TAKEONE_EVENTS_SECRET, config.TAKEONE_EVENTS_PREVIOUS_SECRET)
    : undefined;
  if (config.TAKEONE_EVENTS_URL && !signer) {
    throw new Error("TAKEONE_EVENTS_URL is set without TAKEONE_EVENTS_SECRET");
  }
  const boss = new PgBoss({
    connectionString: args.databaseUrl,
    max: 4,
    application_name: "takeone-bridge-jobs",
    openTelemetry: { enabled: false },
  });
  boss.on("error", (error: unknown) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  try {
    return await startWork(ctx, boss, signer);
  } catch (error) {
    // e.g. the queues could not be created: leave nothing running behind the failed start
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
}

/** Creates the queues, registers the workers and starts the timers that ask for periodic runs. */
async function startWork(
  ctx: ServiceContext,
  boss: PgBoss,
  signer: EventSigner | undefined,
): Promise<RunningJobs> {
  const { config, logger, pool, clock } = ctx;

  await ensureQueues(boss);

  const stopping = new AbortController();
  let cleanupTransport = () => {};
  const url = config.TAKEONE_EVENTS_URL;
  if (url) {
    const released = await releaseHeldEvents(pool, clock.now());
    if (released > 0) logger.info({ released }, "held outbound events released for delivery");
  } else {
    logger.warn("TAKEONE_EVENTS_URL is not set: outbound events are kept (status held) and not sent");
  }

  await boss.work(QUEUES.dispatchEvents, { pollingIntervalSeconds: 0.5 }, async () => {
    if (!url || !signer) {
      const held = await holdPendingEvents(pool);
      if (held > 0) logger.info({ held }, "outbound events held (no TAKEONE_EVENTS_URL)");
      return;
    }
    const result = await dispatchDueEvents({
      db: pool,
      url,
      signer,
      clock,
      retryScheduleMs: config.EVENTS_RETRY_SCHEDULE_MS,
      requestTimeoutMs: config.EVENTS_REQUEST_TIMEOUT_MS,
      signal: stopping.signal,
    });
    if (result.delivered + result.retried + result.failed + result.held > 0)
      logger.info(result, "outbound events dispatched");
    if (result.failed > 0)
      logger.warn({ failed: result.failed }, "outbound events failed for good (takeone-cal events --failed)");
    if (result.held > 0)
      logger.warn(
        { held: result.held },
        "the events receiver answered 410 Gone: outbound events are held until released (takeone-cal events release)",
      );
  });

  let onReminder: OnReminder | undefined;
  if (config.SMTP_URL) {
    const transport = createTransport(config.SMTP_URL);
    cleanupTransport = () => transport.close();
    // The e-mail jobs are written in the reminder's own transaction (pg-boss `db` option): they
    // exist if and only if the reminder was recorded.
    onReminder = async (client, { booking, kind }) => {
      const db = {
        executeSql: (text: string, values?: unknown[]) => client.query(text, values),
      };
      for (const role of ["talent", "caster"] as const) {
        const job: ReminderEmailJob = { bookingId: booking.id, kind, role };
        await boss.send(QUEUES.sendReminderEmail, job, { db });
      }
    };
    await boss.work<ReminderEmailJob>(
      QUEUES.sendReminderEmail,
      { pollingIntervalSeconds: 1 },
      async (jobs) => {
        for (const { data } of jobs) {
          const outcome = await sendReminderEmail({
            db: pool,
            transport,
            from: config.SMTP_FROM,
            job: data,
            now: clock.now(),
          });
          logger.info(
            { bookingId: data.bookingId, kind: data.kind, role: data.role, outcome },
            "reminder e-mail",
          );
        }
      },
    );
  } else {
    logger.info("SMTP_URL is not set: reminders are sent as events only, without e-mails");
  }

  await boss.work(
    QUEUES.sweepReminders,
    { pollingIntervalSeconds: Math.max(0.5, Math.min(2, config.REMINDER_SWEEP_MS / 1000)) },
    async () => {
      const result = await sweepReminders({ pool, now: clock.now(), ...(onReminder ? { onReminder } : {}) });
      if (result.sent24h + result.sent1h > 0) logger.info(result, "audition reminders sent");
    },
  );

  await boss.work(QUEUES.replayUnmapped, { pollingIntervalSeconds: 2 }, async () => {
    const results = await replayDeliveriesWhoseApplicationExists({
      pool,
      clock,
      applicationField: config.CALCOM_APPLICATION_FIELD,
    });
    const applied = results.filter((result) => result.outcome === "applied").length;
    if (results.length > 0)
      logger.info({ replayed: results.length, applied }, "unmapped deliveries replayed");
  });

  // Carrying the bookings API's cancels and reschedules to Cal.com needs API v2; without it the
  // changes stay recorded (CalcomPropagation, pending) and go out once the key is configured.
  let calcom: CalcomClient | undefined;
  if (config.CALCOM_API_URL && config.CALCOM_API_KEY) {
    calcom = createCalcomClient({
      baseUrl: config.CALCOM_API_URL,
      apiKey: config.CALCOM_API_KEY,
      onRetry: (retry) => logger.warn({ retry }, "Cal.com API v2 request failed; retrying"),
    });
  } else {
    logger.info(
      "CALCOM_API_URL/CALCOM_API_KEY are not set: cancels and reschedules made through the API are kept, not sent to Cal.com",
    );
  }
  const client = calcom;
  await boss.work(QUEUES.propagateToCalcom, { pollingIntervalSeconds: 1 }, async () => {
    if (!client) return;
    const result = await sendPendingPropagations({
      client,
      pool,
      clock,
      applicationField: config.CALCOM_APPLICATION_FIELD,
      retryScheduleMs: config.PROPAGATION_RETRY_SCHEDULE_MS,
      signal: stopping.signal,
    });
    if (result.done + result.retried + result.failed > 0) logger.info(result, "changes carried to Cal.com");
    if (result.failed > 0)
      logger.warn(
        { failed: result.failed },
        "changes Cal.com did not take (takeone-cal propagations --failed)",
      );
  });

  const syncSource = chooseSyncSource(config);
  if (!syncSource) logger.info("no Cal.com source configured: the scheduled sync is off");
  await boss.work(QUEUES.syncCalcom, { pollingIntervalSeconds: 2 }, async () => {
    await runScheduledSync(ctx);
  });

  const tick = (queue: string) => {
    boss
      .send(queue, {}, { singletonKey: queue })
      .catch((error: unknown) => logger.error({ err: error, queue }, "could not queue a job run"));
  };
  const timers = [
    setInterval(() => tick(QUEUES.dispatchEvents), config.EVENTS_POLL_MS),
    setInterval(() => tick(QUEUES.sweepReminders), config.REMINDER_SWEEP_MS),
    setInterval(() => tick(QUEUES.replayUnmapped), config.UNMAPPED_REPLAY_MS),
  ];
  if (client) {
    timers.push(setInterval(() => tick(QUEUES.propagateToCalcom), config.PROPAGATION_POLL_MS));
    tick(QUEUES.propagateToCalcom);
  }
  if (syncSource) {
    // Also once at start: a bridge coming back from an outage is when webhooks were missed.
    timers.push(setInterval(() => tick(QUEUES.syncCalcom), config.CALCOM_SYNC_MS));
    tick(QUEUES.syncCalcom);
  }
  tick(QUEUES.dispatchEvents);
  tick(QUEUES.sweepReminders);
  logger.info({ queues: Object.values(QUEUES) }, "jobs started");

  return {
    boss,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      stopping.abort();
      await boss.stop({ graceful: true, timeout: 10_000 });
      cleanupTransport();
    },
  };
}

/**
 * Creates the queues, or brings an existing queue's options up to date (createQueue leaves an
 * existing queue as it is; its policy cannot change after creation).
 */
async function ensureQueues(boss: PgBoss): Promise<void> {
  // A run of these is asked for every second or minute: keep finished runs 10 minutes, not pg-boss's
  // default 7 days (600 000 rows a week of nothing to see).
  const periodic = { expireInSeconds: 3600, deleteAfterSeconds: 600 };
  const queues = [
    { name: QUEUES.dispatchEvents, policy: "short", options: { ...periodic, retryLimit: 0 } },
    { name: QUEUES.sweepReminders, policy: "short", options: { ...periodic, retryLimit: 1 } },
    { name: QUEUES.replayUnmapped, policy: "short", options: { ...periodic, retryLimit: 0 } },
    // Each change keeps its own retries (CalcomPropagation.nextAttemptAt); a failed round just waits for the next tick.
    { name: QUEUES.propagateToCalcom, policy: "short", options: { ...periodic, retryLimit: 0 } },
    // A failed sync (Cal.com down) is tried twice more, backing off from 5 min (pg-boss backoff with
    // jitter, webhooks-svix-pgboss-facts §2), then waits for the next hour.
    {
      name: QUEUES.syncCalcom,
      policy: "short",
      options: { ...periodic, retryLimit: 2, retryDelay: 300, retryBackoff: true },
    },
    // An SMTP hiccup is retried with backoff (about 30 s, 1 min, 2 min… up to 5 tries).
    {
      name: QUEUES.sendReminderEmail,
      policy: "standard",
      options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
    },
  ] as const;
  for (const queue of queues) {
    await boss.createQueue(queue.name, { policy: queue.policy, ...queue.options });
    await boss.updateQueue(queue.name, queue.options);
  }
}
