import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { OutboxLag, OutboxRepository } from '../queue/outbox.repository';
import { Metrics } from './metrics';
import { ReadinessReports } from './readiness-reports';

/**
 * Outbox lag in /metrics and /health/ready, in the api and the worker alike: the api
 * reports it too, so it keeps growing on a dashboard when every worker is gone. Read
 * at scrape time (at most once a second), from PostgreSQL only.
 */
@Injectable()
export class OutboxMonitor implements OnModuleInit {
  private readonly outbox: OutboxRepository;
  private cached?: { at: number; lag: Promise<OutboxLag> };

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessReports,
  ) {
    this.outbox = new OutboxRepository(dataSource);
  }

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const lagOf = () => this.lag().catch(() => null);
    // prom-client calls collect with the gauge as `this`; with PostgreSQL away the series disappear.
    const read = (pick: (l: OutboxLag) => number) =>
      async function (this: Gauge) {
        const lag = await lagOf();
        if (lag) this.set(pick(lag));
        else this.reset();
      };
    new Gauge({
      name: 'bro_outbox_pending',
      help: 'Outbox rows written but not yet relayed to a queue',
      registers,
      collect: read((l) => l.pending),
    });
    new Gauge({
      name: 'bro_outbox_oldest_unrelayed_seconds',
      help: 'Age of the oldest outbox row not yet relayed to a queue (0 when none)',
      registers,
      collect: read((l) => l.oldestUnrelayedSeconds),
    });
    new Gauge({
      name: 'bro_outbox_lag_seconds',
      help: 'Outbox lag: age of the oldest outbox row whose job has neither completed nor failed for good (0 when none)',
      registers,
      collect: read((l) => l.oldestUndoneSeconds),
    });
    this.readiness.add('outbox', async () => {
      const lag = await this.lag();
      return {
        pending: lag.pending,
        oldestUnrelayedSeconds: round(lag.oldestUnrelayedSeconds),
        lagSeconds: round(lag.oldestUndoneSeconds),
      };
    });
  }

  lag(): Promise<OutboxLag> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > 1_000) {
      const lag = this.outbox.lag();
      lag.catch(() => (this.cached = undefined));
      this.cached = { at: now, lag };
    }
    return this.cached.lag;
  }
}

const round = (s: number) => Math.round(s * 10) / 10;
