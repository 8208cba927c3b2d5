import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { QueueName } from '../queue/jobs';
import { Metrics } from './metrics';
import { ReadinessReports } from './readiness-reports';

/** The states a job rests in, as BullMQ counts them. */
export const JOB_STATES = ['wait', 'prioritized', 'active', 'delayed', 'waiting-children', 'completed', 'failed'] as const;

export interface QueueSnapshot {
  counts: Record<(typeof JOB_STATES)[number], number>;
  /** How long the job longest in `wait` has waited since it could run (s); 0 when none waits. */
  oldestWaitingSeconds: number;
}

/**
 * Queue depth per queue and state and the oldest waiting job's age, in /metrics and
 * /health/ready of the process that holds the queues (the worker). Read at scrape
 * time (at most once a second) through fail-fast connections: with Redis away the
 * series disappear, and readiness reports Redis itself.
 */
export class QueueMonitor {
  private cached?: { at: number; snapshot: Promise<Map<QueueName, QueueSnapshot>> };

  constructor(
    private readonly queues: ReadonlyMap<QueueName, Queue>,
    metrics: Metrics,
    readiness: ReadinessReports,
    private readonly timeoutMs = 2_000,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client calls collect with the gauge as `this`
    const self = this;
    new Gauge({
      name: 'bro_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const snapshot = await self.snapshot().catch(() => null);
        for (const [queue, s] of snapshot ?? []) for (const state of JOB_STATES) this.set({ queue, state }, s.counts[state]);
      },
    });
    new Gauge({
      name: 'bro_queue_oldest_waiting_seconds',
      help: 'Age of the job that has waited longest in each queue since it could run (0 when none waits)',
      labelNames: ['queue'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const snapshot = await self.snapshot().catch(() => null);
        for (const [queue, s] of snapshot ?? []) this.set({ queue }, s.oldestWaitingSeconds);
      },
    });
    readiness.add('queues', async () => Object.fromEntries(await this.snapshot()));
  }

  snapshot(): Promise<Map<QueueName, QueueSnapshot>> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > 1_000) {
      const snapshot = withTimeout(this.read(), this.timeoutMs);
      snapshot.catch(() => (this.cached = undefined));
      this.cached = { at: now, snapshot };
    }
    return this.cached.snapshot;
  }

  private async read(): Promise<Map<QueueName, QueueSnapshot>> {
    const entries = await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const [counts, [oldest]] = await Promise.all([queue.getJobCounts(...JOB_STATES), queue.getJobs(['wait'], 0, 0, true)]);
        // A delayed or retried job could run from its delay's end, not from when it was made.
        const runnableSince = oldest
          ? (oldest.attemptsMade > 0 && oldest.processedOn ? oldest.processedOn : oldest.timestamp) + (oldest.delay ?? 0)
          : 0;
        const snapshot: QueueSnapshot = {
          counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as QueueSnapshot['counts'],
          oldestWaitingSeconds: oldest ? Math.max(0, (Date.now() - runnableSince) / 1000) : 0,
        };
        return [name, snapshot] as const;
      }),
    );
    return new Map(entries);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
