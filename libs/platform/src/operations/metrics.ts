import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry. Labels are routes, job names, statuses and
 * outcomes — never ids of people or anything typed by a user.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'bro_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly referralsSubmitted = new Counter({
    name: 'bro_referrals_submitted_total',
    help: 'Referrals accepted at intake, by result (created, linked, replayed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'bro_jobs_processed_total',
    help: 'Jobs handled by the worker, by job name and result',
    labelNames: ['job', 'result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'bro_' });
  }
}
