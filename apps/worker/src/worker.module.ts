import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { checkJobHandlers, ConfigModule, DatabaseModule, LoggingModule, OperationsModule, QueueModule } from '@bro/platform';
import { ReferralModule } from '@bro/referral';
import { OutboxRelayHost } from './outbox-relay.host';
import { SchedulerKeeper } from './scheduler-keeper';
import { JOB_PROCESSORS, JobHandlerSet } from './processors/job-handler';
import { MatchingProcessor } from './processors/matching.processor';
import { NotificationProcessor } from './processors/notification.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { FollowUpProcessor } from './processors/follow-up.processor';
import { FollowUpModule } from '@bro/follow-up';
import { DirectoryModule } from '@bro/directory';

const PROCESSORS = [MatchingProcessor, NotificationProcessor, MaintenanceProcessor, FollowUpProcessor];

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, OperationsModule, QueueModule, ReferralModule, DirectoryModule, FollowUpModule],
  providers: [
    ...PROCESSORS,
    OutboxRelayHost,
    SchedulerKeeper,
    { provide: JOB_PROCESSORS, useFactory: (...p: JobHandlerSet[]) => p, inject: PROCESSORS },
  ],
})
export class WorkerModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(JOB_PROCESSORS) private readonly processors: (JobHandlerSet & WorkerHost)[],
    private readonly relayHost: OutboxRelayHost,
  ) {}

  /** Every completed job that came from the outbox marks its row done (the ledger recoverLost relies on). */
  onApplicationBootstrap(): void {
    for (const p of this.processors) {
      p.worker.on('completed', (job: Job) => void this.relayHost.relay.markDone(job.id).catch(() => undefined));
    }
  }

  /** Start-up fails if a job of the registry has no handler, or two. */
  onModuleInit(): void {
    const problems = checkJobHandlers(this.processors.flatMap((p) => p.handles));
    if (problems.length > 0) throw new Error(`job registry and processors disagree: ${problems.join('; ')}`);
  }
}
