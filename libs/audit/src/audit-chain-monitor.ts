import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cachedReading, Metrics, ReadinessReports, scrapedGauges } from '@bro/platform';
import { DataSource } from 'typeorm';
import { AuditRepository, type ChainBacklog } from './audit.repository';

/**
 * Audit rows not yet in their chain (ADR 0042), in /metrics and /health/ready of the api
 * and the worker alike: with every worker gone the linker stops, and the api keeps
 * showing the backlog grow. Read at scrape time, at most once a second.
 */
@Injectable()
export class AuditChainMonitor implements OnModuleInit {
  private readonly backlog: () => Promise<ChainBacklog>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessReports,
  ) {
    const audit = new AuditRepository(dataSource);
    this.backlog = cachedReading(() => audit.chainBacklog());
  }

  onModuleInit(): void {
    scrapedGauges(this.metrics.registry, this.backlog, [
      {
        name: 'bro_audit_unlinked',
        help: 'Audit rows written but not yet linked into their municipality’s hash chain',
        pick: (b) => b.unlinked,
      },
      {
        name: 'bro_audit_oldest_unlinked_seconds',
        help: 'Age of the oldest audit row not yet linked into its chain (0 when none)',
        pick: (b) => b.oldestSeconds,
      },
    ]);
    this.readiness.add('auditChain', async () => {
      const b = await this.backlog();
      return { unlinked: b.unlinked, oldestUnlinkedSeconds: Math.round(b.oldestSeconds * 10) / 10 };
    });
  }
}
