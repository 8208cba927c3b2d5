import type { JobsOptions } from 'bullmq';

/**
 * The job registry: every queue, every job name and its payload, in one place.
 * Payloads carry ids, the tenant, the request id and a schema version — never
 * personal data. The worker refuses to start unless each job has exactly one handler.
 */
export const QUEUE_NAMES = ['matching', 'follow-up', 'notification', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

interface JobEnvelope {
  municipalityId: string;
  /** The HTTP request that caused the job, so logs line up across processes. */
  requestId?: string;
  v: 1;
}

export interface JobPayloads {
  /** Route one referral to a brobygger of its area. */
  'matching.match': JobEnvelope & { referralId: string };
  /** Match the waiting (unassigned) referrals of one area, oldest first. */
  'matching.waiting': JobEnvelope & { areaId: string };
  /** A brobygger's capacity, areas, absence or active flag changed. */
  'matching.brobygger-changed': JobEnvelope & { brobyggerId: string };
  /** Periodic: re-enqueue referrals stuck in `submitted`, retry waiting areas. */
  'matching.sweep': { v: 1 };
  /** Bring a case's follow-ups in line with its state (create, move, complete, cancel). */
  'follow-up.sync': JobEnvelope & { referralId: string };
  /** A follow-up's due time has come: mark it overdue if still open, remind the assignee. */
  'follow-up.due': JobEnvelope & { followUpId: string };
  /** An overdue follow-up may now be escalated (more than the municipality's working days late). */
  'follow-up.escalate': JobEnvelope & { followUpId: string };
  /** Periodic: mark due and escalate overdue follow-ups, re-enqueue what Redis lost. */
  'follow-up.sweep': { v: 1 };
  /** Periodic (working hours): remind citizens of tomorrow's appointments — SMS where allowed, else a letter (ADR 0027). */
  'appointment.remind': { v: 1 };
  /** Periodic: flag offers not verified for a year as stale. */
  'maintenance.stale-offers': { v: 1 };
  /** Periodic (daily): mail offer checks to hosts of offers due one; flag offers whose check went unanswered (issue 16). */
  'community.offer-checks': { v: 1 };
  /** Periodic: delete outbox rows whose job completed a week ago. */
  'maintenance.prune-outbox': { v: 1 };
  /** Periodic: delete Idempotency-Key records older than a week (a client retries within minutes, not weeks). */
  'maintenance.prune-idempotency-keys': { v: 1 };
  /** Periodic (nightly): erase closed cases past their municipality's retention period. */
  'maintenance.retention': { v: 1 };
  /** Periodic (nightly): re-seal CPR numbers still under a retired key with the current one. */
  'maintenance.reseal-cpr': { v: 1 };
  /** Periodic (hourly) and on demand: write each municipality's audit chain head to the anchor directory (ADR 0017). */
  'maintenance.anchor-audit': { v: 1 };
  /** A case was erased: remove every job in Redis that still names it. */
  'maintenance.forget-case': JobEnvelope & { referralId: string };
  /** Tell the referrer(s) that a case reached a milestone — if the consent in force at sending allows. */
  'notification.referrer-milestone': JobEnvelope & {
    referralId: string;
    milestone: 'received' | 'assigned' | 'contacted' | 'conversation_held' | 'closed';
  };
  /** Hand one stored message to the transport (SMTP); the message row is the delivery ledger (ADR 0017). */
  'notification.deliver': JobEnvelope & { messageId: string };
  /** Periodic: re-enqueue messages whose delivery is due again or whose job Redis lost. */
  'notification.sweep': { v: 1 };
  /** Periodic: MedCom messages due for a send or a resend (ADR 0028). */
  'medcom.sweep': { v: 1 };
}

export type JobName = keyof JobPayloads;
/** Jobs that belong to one municipality: the only ones an outbox row can carry. */
export type TenantJobName = { [N in JobName]: JobPayloads[N] extends { municipalityId: string } ? N : never }[JobName];
export type JobData<N extends JobName> = Readonly<JobPayloads[N]>;

/**
 * Retries with exponential backoff (BullMQ's default is one attempt); failed jobs kept
 * 14 days. Completed jobs stay only briefly: the outbox's done_at is the record, and
 * the soak showed an hour's worth (up to 10 000 per queue) as Redis growth.
 */
const RETRYING: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3_600 },
};

/**
 * When a periodic job runs: every so many milliseconds (the named setting of the
 * configuration), or on a cron pattern read in Danish time. The worker's scheduler
 * keeper upserts a BullMQ job scheduler for each.
 */
export type JobSchedule = { every: 'MATCHING_SWEEP_MS' | 'FOLLOW_UP_SWEEP_MS' | 'MESSAGE_SWEEP_MS' } | { pattern: string };

/** The time zone of every cron pattern: nightly means night in Denmark. */
export const SCHEDULE_TZ = 'Europe/Copenhagen';

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
  /** Periodic jobs only: when the scheduler adds it (payload `{ v: 1 }`). */
  schedule?: JobSchedule;
}

/** A periodic job: one attempt, the next run comes soon anyway. */
const PERIODIC: JobsOptions = { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } };

export const JOBS: { readonly [N in JobName]: JobDefinition } = {
  'matching.match': { queue: 'matching', options: RETRYING },
  'matching.waiting': { queue: 'matching', options: RETRYING },
  'matching.brobygger-changed': { queue: 'matching', options: RETRYING },
  'matching.sweep': { queue: 'matching', options: PERIODIC, schedule: { every: 'MATCHING_SWEEP_MS' } },
  'notification.referrer-milestone': { queue: 'notification', options: RETRYING },
  // Quick retries for a blip (1, 2, 4, 8 s; QUEUE_DELIVERY_ATTEMPTS in libs/notification); after
  // that the ledger's next_attempt_at and the sweep take over, minutes to an hour apart, so a long mail outage neither fails the
  // job for good nor keeps a job per message in Redis for hours.
  'notification.deliver': {
    queue: 'notification',
    options: { ...RETRYING, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
  },
  'notification.sweep': { queue: 'notification', options: PERIODIC, schedule: { every: 'MESSAGE_SWEEP_MS' } },
  'medcom.sweep': { queue: 'notification', options: PERIODIC, schedule: { every: 'MESSAGE_SWEEP_MS' } },
  // `maintenance` queue: periodic housekeeping on BullMQ job schedulers. Each run is
  // idempotent (an UPDATE guarded by the state it changes), so a missed or repeated run is harmless.
  'maintenance.stale-offers': { queue: 'maintenance', options: PERIODIC, schedule: { pattern: '0 3 * * *' } },
  'maintenance.prune-outbox': { queue: 'maintenance', options: PERIODIC, schedule: { pattern: '30 3 * * *' } },
  'maintenance.prune-idempotency-keys': { queue: 'maintenance', options: PERIODIC, schedule: { pattern: '40 3 * * *' } },
  // Mornings, so a host's mail arrives in the working day.
  'community.offer-checks': { queue: 'maintenance', options: PERIODIC, schedule: { pattern: '0 7 * * *' } },
  'maintenance.retention': { queue: 'maintenance', options: PERIODIC, schedule: { pattern: '0 2 * * *' } },
  'maintenance.reseal-cpr': { queue: 'maintenance', options: PERIODIC, schedule: { pattern: '15 2 * * *' } },
  'maintenance.anchor-audit': {
    queue: 'maintenance',
    options: { ...PERIODIC, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
    // At least daily is the promise (ADR 0017); hourly narrows what a rewrite could hide.
    schedule: { pattern: '45 * * * *' },
  },
  // It names the case it forgets, so it must not rest in Redis after it has done so.
  // While a job of the case still runs it puts itself back (delayed, not failed) and looks again.
  'maintenance.forget-case': { queue: 'maintenance', options: { ...RETRYING, removeOnComplete: true } },
  'follow-up.sync': { queue: 'follow-up', options: RETRYING },
  'follow-up.due': { queue: 'follow-up', options: RETRYING },
  'follow-up.escalate': { queue: 'follow-up', options: RETRYING },
  'follow-up.sweep': { queue: 'follow-up', options: PERIODIC, schedule: { every: 'FOLLOW_UP_SWEEP_MS' } },
  // Hourly 9–16 on weekdays (Danish time): a reminder arrives in the daytime, and a run
  // missed is made up by the next; a reminder row per appointment and start makes reruns harmless.
  'appointment.remind': { queue: 'follow-up', options: PERIODIC, schedule: { pattern: '5 9-16 * * 1-5' } },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, name);
}

/**
 * A deterministic job id. BullMQ refuses ':' in custom ids, so the parts are joined
 * with '.', e.g. `matching.match.<referral id>`.
 */
export function jobId(name: JobName, entityId: string): string {
  return `${name}.${entityId}`;
}

/**
 * Checks that the handlers discovered by the worker (`@OnJob`) cover every job in
 * the registry exactly once. Returns the problems; empty means sound.
 */
export function checkJobHandlers(handled: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const count = handled.filter((h) => h === name).length;
    if (count === 0) problems.push(`job ${name} has no handler`);
    if (count > 1) problems.push(`job ${name} has ${count} handlers`);
  }
  for (const name of handled) if (!isJobName(name)) problems.push(`handler for unknown job ${name}`);
  return problems;
}
