import type { JobsOptions, Queue } from 'bullmq';
import { JobData, JobName, JOBS } from './jobs';

/**
 * Adds a job outside the outbox (sweeps, schedulers), typed by the registry and with
 * the registry's options. Pass a deduplication id so a sweep never stacks copies of
 * work that is still waiting.
 */
export async function enqueue<N extends JobName>(queue: Queue, name: N, data: JobData<N>, extra: JobsOptions = {}): Promise<void> {
  if (queue.name !== JOBS[name].queue) throw new Error(`job ${name} belongs on queue ${JOBS[name].queue}, not ${queue.name}`);
  await queue.add(name, data, { ...JOBS[name].options, ...extra });
}
