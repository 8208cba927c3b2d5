import { SetMetadata } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { JobData, JobName, QueueName } from './jobs';

/** Metadata key under which `@OnJob` records the job a method handles. */
export const ON_JOB = Symbol('bro:on-job');

/**
 * What the worker hands a handler besides its payload. Most handlers need none of it;
 * sweeps re-enqueue through `enqueue`, a handler deciding on retries reads `job`.
 */
export interface JobContext {
  /** The BullMQ job: attempts made, its options, its timestamp. */
  readonly job: Job;
  /** The worker's lock token (to move the job to delayed without spending an attempt). */
  readonly token?: string;
  /** Adds a job to its own queue with the registry's options (see `enqueue`). */
  readonly enqueue: <M extends JobName>(name: M, data: JobData<M>, extra?: JobsOptions) => Promise<void>;
  /** Removes a waiting or delayed job of `name`'s queue by id; 0 if it was not there (or held by a worker). */
  readonly remove: (name: JobName, jobId: string) => Promise<number>;
  /** A queue of the registry, for housekeeping that looks across queues. */
  readonly queue: (name: QueueName) => Queue;
  /** Counts this run in `bro_jobs_processed_total` under `result` now (before a rethrow, say); otherwise the worker counts it. */
  readonly record: (result: string) => void;
}

/** The handler a method must be: it gets the job's typed, read-only payload (and may take the context). */
export type JobHandlerMethod<N extends JobName> = (data: JobData<N>, context: JobContext) => Promise<unknown>;

/**
 * Declares, on the domain method itself, that it handles job `name` (ADR 0021; after
 * Immich's `@OnJob`). The worker discovers every decorated method of every provider at
 * start-up, runs one thin processor per queue that calls it, and refuses to start when a
 * job of the registry has no handler or two. The method must be idempotent: it re-reads
 * its rows and returns early when the state moved on, and rethrows so BullMQ retries.
 * A string it returns is the run's `result` label in the metrics; anything else counts as `ok`.
 */
export function OnJob<N extends JobName>(name: N) {
  return <T extends JobHandlerMethod<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => {
    SetMetadata(ON_JOB, name)(target, key, descriptor);
    return descriptor;
  };
}
