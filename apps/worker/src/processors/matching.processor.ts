import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, enqueue, JobData, JobName, Metrics } from '@bro/platform';
import { AssignmentService } from '@bro/referral';
import { Job, Queue } from 'bullmq';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type MatchingJob =
  | Job<JobData<'matching.match'>, unknown, 'matching.match'>
  | Job<JobData<'matching.waiting'>, unknown, 'matching.waiting'>
  | Job<JobData<'matching.brobygger-changed'>, unknown, 'matching.brobygger-changed'>
  | Job<JobData<'matching.sweep'>, unknown, 'matching.sweep'>;

/**
 * `matching` queue. Guarantees: a referral is assigned at most once and no brobygger
 * goes over capacity, whatever the redelivery — each handler is one transaction that
 * re-reads the referral and returns early if it no longer awaits matching. Errors are
 * rethrown so BullMQ retries with backoff (the worker module marks the case as needing
 * attention after the last attempt). The sweep makes a lost Redis harmless.
 */
@Processor('matching')
export class MatchingProcessor extends WorkerHost implements JobHandlerSet, OnApplicationBootstrap {
  readonly handles: readonly JobName[] = ['matching.match', 'matching.waiting', 'matching.brobygger-changed', 'matching.sweep'];

  constructor(
    private readonly faults: FaultInjector,
    private readonly assignments: AssignmentService,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    @InjectQueue('matching') private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: MatchingJob): Promise<unknown> {
    await this.faults.before(job);
    const result = await this.handle(job);
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
    return result;
  }

  private async handle(job: MatchingJob): Promise<unknown> {
    switch (job.name) {
      case 'matching.match':
        return this.assignments.match(job.data);
      case 'matching.waiting':
        return { assigned: await this.assignments.matchWaiting(job.data) };
      case 'matching.brobygger-changed':
        return this.assignments.reconcileBrobygger(job.data);
      case 'matching.sweep':
        return this.sweep();
      default: {
        const unknown: never = job;
        throw new Error(`matching processor cannot handle ${(unknown as Job).name}`);
      }
    }
  }

  /** Re-enqueues work whose job Redis may have lost; deduplicated while the job still waits. */
  private async sweep(): Promise<{ submitted: number; areas: number }> {
    const { submitted, areas } = await this.assignments.sweepTargets(this.config.MATCHING_SWEEP_MS);
    for (const s of submitted) {
      await enqueue(this.queue, 'matching.match', { ...s, v: 1 }, { deduplication: { id: `matching.match.${s.referralId}` } });
    }
    for (const a of areas) {
      await enqueue(this.queue, 'matching.waiting', { ...a, v: 1 }, { deduplication: { id: `matching.waiting.${a.areaId}` } });
    }
    return { submitted: submitted.length, areas: areas.length };
  }
}
