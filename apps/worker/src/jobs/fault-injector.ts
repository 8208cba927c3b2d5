import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, FaultRule, JobName, parseFaultRules } from '@bro/platform';
import { Job, UnrecoverableError } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The test-only fault hook (ADR 0011): with FAULT_INJECTION set — which configuration
 * refuses when NODE_ENV=production — a job can be made to fail transiently, fail for
 * good, freeze its worker long enough to lose its lock, or just take longer. Unset, it does nothing.
 */
@Injectable()
export class FaultInjector {
  private readonly logger = new Logger(FaultInjector.name);
  private readonly rules: ReadonlyMap<JobName, FaultRule>;

  constructor(config: AppConfig) {
    this.rules = config.FAULT_INJECTION ? parseFaultRules(config.FAULT_INJECTION) : new Map();
    if (this.rules.size > 0) this.logger.warn(`fault injection is on: ${config.FAULT_INJECTION}`);
  }

  /** Called first thing in every processor. */
  async before(job: Job): Promise<void> {
    const rule = this.rules.get(job.name as JobName);
    if (!rule) return;
    switch (rule.kind) {
      case 'transient':
        if (job.attemptsMade < rule.times) throw new Error(`injected transient fault (attempt ${job.attemptsMade + 1})`);
        return;
      case 'permanent':
        throw new UnrecoverableError('injected permanent fault');
      case 'stall':
        // Only the first delivery freezes, so the job that is run again elsewhere completes.
        if (job.attemptsStarted <= 1 && !job.stalledCounter) {
          this.logger.warn({ jobId: job.id }, `injected stall: blocking the event loop for ${rule.ms} ms`);
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, rule.ms);
        }
        return;
      case 'delay':
        await sleep(rule.ms);
        return;
    }
  }
}
