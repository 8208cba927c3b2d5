import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig, JOB_NAMES, JobName, JOBS, SCHEDULE_TZ } from '@bro/platform';
import type { Queue, RepeatOptions } from 'bullmq';

interface Schedule {
  name: JobName;
  repeat: Omit<RepeatOptions, 'key'>;
}

/**
 * BullMQ keeps job schedulers in Redis, and Redis here keeps nothing on disk: after a
 * restart or flush the sweeps themselves would be gone. The keeper upserts every
 * schedule of the job registry (`JOBS[name].schedule`) at start-up and again every
 * minute (an upsert of an existing scheduler changes nothing), so a lost Redis costs
 * at most a minute of sweeping.
 */
@Injectable()
export class SchedulerKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerKeeper.name);
  private timer?: NodeJS.Timeout;
  private readonly schedules: Schedule[];

  constructor(
    private readonly moduleRef: ModuleRef,
    config: AppConfig,
  ) {
    this.schedules = JOB_NAMES.flatMap((name): Schedule[] => {
      const schedule = JOBS[name].schedule;
      if (!schedule) return [];
      return [{ name, repeat: 'every' in schedule ? { every: config[schedule.every] } : { pattern: schedule.pattern, tz: SCHEDULE_TZ } }];
    });
  }

  onApplicationBootstrap(): void {
    void this.keep();
    this.timer = setInterval(() => void this.keep(), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Upserts every schedule; failures (Redis away) are logged and tried again next minute. */
  async keep(): Promise<void> {
    for (const s of this.schedules) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(JOBS[s.name].queue), { strict: false });
      try {
        await queue.upsertJobScheduler(s.name, s.repeat, { name: s.name, data: { v: 1 }, opts: JOBS[s.name].options });
      } catch (err) {
        this.logger.warn(`could not keep the ${s.name} schedule: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
