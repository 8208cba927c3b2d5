import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxLag, OutboxRepository } from '../queue/outbox.repository';
import { Metrics } from './metrics';
import { ReadinessReports } from './readiness-reports';
import { cachedReading, scrapedGauges } from './scraped-gauges';

/**
 * Outbox lag in /metrics and /health/ready, in the api and the worker alike: the api
 * reports it too, so it keeps growing on a dashboard when every worker is gone. Read
 * at scrape time (at most once a second), from PostgreSQL only.
 */
@Injectable()
export class OutboxMonitor implements OnModuleInit {
  readonly lag: () => Promise<OutboxLag>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessReports,
  ) {
    const outbox = new OutboxRepository(dataSource);
    this.lag = cachedReading(() => outbox.lag());
  }

  onModuleInit(): void {
    scrapedGauges(this.metrics.registry, this.lag, [
      { name: 'bro_outbox_pending', help: 'Outbox rows written but not yet relayed to a queue', pick: (l) => l.pending },
      {
        name: 'bro_outbox_oldest_unrelayed_seconds',
        help: 'Age of the oldest outbox row not yet relayed to a queue (0 when none)',
        pick: (l) => l.oldestUnrelayedSeconds,
      },
      {
        name: 'bro_outbox_lag_seconds',
        help: 'Outbox lag: age of the oldest outbox row whose job has neither completed nor failed for good (0 when none)',
        pick: (l) => l.oldestUndoneSeconds,
      },
    ]);
    this.readiness.add('outbox', async () => {
      const lag = await this.lag();
      return {
        pending: lag.pending,
        oldestUnrelayedSeconds: round(lag.oldestUnrelayedSeconds),
        lagSeconds: round(lag.oldestUndoneSeconds),
      };
    });
  }
}

const round = (s: number) => Math.round(s * 10) / 10;
