import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Job, UnrecoverableError } from 'bullmq';
import {
  ConfigModule,
  Metrics,
  DatabaseModule,
  LoggingModule,
  OperationsModule,
  QueueModule,
  QueueMonitor,
  ReadinessReports,
} from '@bro/platform';
import { AssignmentService, ReferralModule } from '@bro/referral';
import { OutboxRelayHost } from './outbox-relay.host';
import { AuditChainLinkerHost } from './audit-chain-linker.host';
import { SchedulerKeeper } from './scheduler-keeper';
import { FaultInjector } from './jobs/fault-injector';
import { ForgetCaseJob } from './jobs/forget-case.job';
import { PruneIdempotencyKeysJob } from './jobs/prune-idempotency-keys.job';
import { JobHandlers } from './jobs/job-handlers';
import { JobRunner } from './jobs/job-runner';
import { QUEUE_PROCESSORS } from './jobs/queue-processors';
import { FollowUpModule } from '@bro/follow-up';
import { AppointmentModule } from '@bro/appointment';
import { DirectoryModule } from '@bro/directory';
import { CommunityModule } from '@bro/community';
import { MedcomModule } from '@bro/medcom';
import { NotificationModule } from '@bro/notification';
import { AuditModule } from '@bro/audit';

const PROCESSORS = Symbol('PROCESSORS');

/**
 * The worker: the domain modules whose providers declare job handlers (`@OnJob`,
 * discovered at start-up by JobHandlers), one processor per queue, the outbox relay
 * and the scheduler keeper.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    OperationsModule,
    QueueModule,
    DiscoveryModule,
    ReferralModule,
    DirectoryModule,
    FollowUpModule,
    AppointmentModule,
    NotificationModule,
    AuditModule,
    CommunityModule,
    MedcomModule,
  ],
  providers: [
    ...QUEUE_PROCESSORS,
    JobHandlers,
    JobRunner,
    ForgetCaseJob,
    PruneIdempotencyKeysJob,
    OutboxRelayHost,
    AuditChainLinkerHost,
    SchedulerKeeper,
    FaultInjector,
    {
      provide: QueueMonitor,
      useFactory: (host: OutboxRelayHost, metrics: Metrics, readiness: ReadinessReports) =>
        new QueueMonitor(host.producers, metrics, readiness),
      inject: [OutboxRelayHost, Metrics, ReadinessReports],
    },
    { provide: PROCESSORS, useFactory: (...p: WorkerHost[]) => p, inject: [...QUEUE_PROCESSORS] },
  ],
})
export class WorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(PROCESSORS) private readonly processors: WorkerHost[],
    private readonly relayHost: OutboxRelayHost,
    private readonly assignments: AssignmentService,
    private readonly metrics: Metrics,
    // Made here so its gauges and readiness report exist from the start.
    readonly queueMonitor: QueueMonitor,
  ) {}

  /**
   * For every processor: a completed job that came from the outbox marks its row done
   * (the ledger recoverLost relies on); a job about a case that failed its last attempt
   * marks the case as needing attention, so coordinators see it.
   */
  onApplicationBootstrap(): void {
    for (const p of this.processors) {
      p.worker.on('completed', (job: Job) => this.relayHost.relay.markDoneSoon(job.id));
      p.worker.on('failed', (job: Job | undefined, err: Error) => void this.onFailed(job, err));
    }
  }

  private async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (!job) return;
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'failed' });
    // Final when no attempt is left, but also when BullMQ gives up early: an
    // UnrecoverableError, or a job that stalled more often than allowed. Redis knows.
    const final =
      err instanceof UnrecoverableError ||
      job.attemptsMade >= (job.opts.attempts ?? 1) ||
      (await job.getState().catch(() => 'unknown')) === 'failed';
    this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attemptsMade, final }, `job failed: ${err.message}`);
    if (final) await this.relayHost.relay.markFailed(job.id).catch(() => undefined);
    const data = job.data as { referralId?: unknown; municipalityId?: unknown };
    if (final && typeof data.referralId === 'string' && typeof data.municipalityId === 'string') {
      await this.assignments.markNeedsAttention(data.referralId, data.municipalityId, `${job.name}_failed`).catch(() => undefined);
    }
  }
}
