import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import {
  checkJobHandlers,
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
import { SchedulerKeeper } from './scheduler-keeper';
import { JOB_PROCESSORS, JobHandlerSet } from './processors/job-handler';
import { FaultInjector } from './processors/fault-injector';
import { MatchingProcessor } from './processors/matching.processor';
import { NotificationProcessor } from './processors/notification.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { FollowUpProcessor } from './processors/follow-up.processor';
import { FollowUpModule } from '@bro/follow-up';
import { DirectoryModule } from '@bro/directory';
import { NotificationModule } from '@bro/notification';
import { AuditModule } from '@bro/audit';

const PROCESSORS = [MatchingProcessor, NotificationProcessor, MaintenanceProcessor, FollowUpProcessor];

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    OperationsModule,
    QueueModule,
    ReferralModule,
    DirectoryModule,
    FollowUpModule,
    NotificationModule,
    AuditModule,
  ],
  providers: [
    ...PROCESSORS,
    OutboxRelayHost,
    SchedulerKeeper,
    FaultInjector,
    {
      provide: QueueMonitor,
      useFactory: (host: OutboxRelayHost, metrics: Metrics, readiness: ReadinessReports) =>
        new QueueMonitor(host.producers, metrics, readiness),
      inject: [OutboxRelayHost, Metrics, ReadinessReports],
    },
    { provide: JOB_PROCESSORS, useFactory: (...p: JobHandlerSet[]) => p, inject: PROCESSORS },
  ],
})
export class WorkerModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JOB_PROCESSORS) private readonly processors: (JobHandlerSet & WorkerHost)[],
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

  /** Start-up fails if a job of the registry has no handler, or two. */
  onModuleInit(): void {
    const problems = checkJobHandlers(this.processors.flatMap((p) => p.handles));
    if (problems.length > 0) throw new Error(`job registry and processors disagree: ${problems.join('; ')}`);
  }
}
