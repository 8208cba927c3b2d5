import { SetMetadata } from '@nestjs/common';
import type { JobData, JobName } from './jobs';

/** Metadata key under which `@OnJob` records the job a method handles. */
export const ON_JOB = Symbol('bro:on-job');

/** The handler a method must be: it gets the job's typed, read-only payload. */
export type JobHandlerMethod<N extends JobName> = (data: JobData<N>) => Promise<unknown>;

/**
 * Declares, on the domain method itself, that it handles job `name` (ADR 0021; after
 * Immich's `@OnJob`). The worker discovers every decorated method of every provider at
 * start-up, runs one thin processor per queue that calls it, and refuses to start when a
 * job of the registry has no handler or two. The method must be idempotent: it re-reads
 * its rows and returns early when the state moved on, and rethrows so BullMQ retries.
 */
export function OnJob<N extends JobName>(name: N) {
  return <T extends JobHandlerMethod<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => {
    SetMetadata(ON_JOB, name)(target, key, descriptor);
    return descriptor;
  };
}
