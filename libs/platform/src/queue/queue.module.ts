import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QUEUE_NAMES } from './jobs';
import { redisOptions } from './redis-options';
import { ReportingQueue, ReportingWorker, workerLockDefaults } from './reporting-classes';

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
        return {
        connection: redisOptions(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
        };
      },
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueueModule {}
