import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QUEUE_NAMES } from './jobs';
import { bullConnection } from './redis-options';
import { ReportingQueue, ReportingWorker, workerLockDefaults } from './reporting-classes';

/** How often a job may stall (its worker died or froze) before it fails for good. */
export const MAX_STALLED_COUNT = 5;

// Every queue and worker @nestjs/bullmq creates listens for its connection errors at once.
BullModule.queueClass = ReportingQueue;
BullModule.workerClass = ReportingWorker;

/** BullMQ connection and every queue of the registry. Only the worker loads it. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        workerLockDefaults.lockDuration = config.JOB_LOCK_MS;
        workerLockDefaults.stalledInterval = config.JOB_LOCK_MS;
        // BullMQ fails a job for good the second time it stalls (maxStalledCount 1) —
        // a job whose worker froze twice would never be done, its outbox row never
        // marked. Handlers are idempotent, so a stalled job is run again; only a job
        // that keeps killing its worker (a poison job) fails, and its case is marked.
        workerLockDefaults.maxStalledCount = MAX_STALLED_COUNT;
        return {
          connection: bullConnection(config),
          prefix: config.QUEUE_PREFIX,
        };
      },
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueueModule {}
