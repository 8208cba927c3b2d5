import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Metrics, ReadinessReports } from '@bro/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AuditRepository, type ChainBacklog } from './audit.repository';

/**
 * Audit rows not yet in their chain (ADR 0042), in /metrics and /health/ready of the api
 * and the worker alike: with every worker gone the linker stops, and the api keeps
 * showing the backlog grow. Read at scrape time, at most once a second.
 */
@Injectable()
export class AuditChainMonitor implements OnModuleInit {
  private readonly audit: AuditRepository;
  private cached?: { at: number; backlog: Promise<ChainBacklog> };

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessReports,
  ) {
    this.audit = new AuditRepository(dataSource);
  }

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const backlogOf = () => this.backlog().catch(() => null);
    // prom-client calls collect with the gauge as `this`; with PostgreSQL away the series disappear.
    const read = (pick: (b: ChainBacklog) => number) =>
      async function (this: Gauge) {
        const backlog = await backlogOf();
        if (backlog) this.set(pick(backlog));
        else this.reset();
      };
    new Gauge({
      name: 'bro_audit_unlinked',
      help: 'Audit rows written but not yet linked into their municipality’s hash chain',
      registers,
      collect: read((b) => b.unlinked),
    });
    new Gauge({
      name: 'bro_audit_oldest_unlinked_seconds',
      help: 'Age of the oldest audit row not yet linked into its chain (0 when none)',
      registers,
      collect: read((b) => b.oldestSeconds),
    });
    this.readiness.add('auditChain', async () => {
      const b = await this.backlog();
      return { unlinked: b.unlinked, oldestUnlinkedSeconds: Math.round(b.oldestSeconds * 10) / 10 };
    });
  }

  private backlog(): Promise<ChainBacklog> {
    // A monotonic clock for the cache's age, not the domain's Clock: nothing here is a date.
    const now = performance.now();
    if (!this.cached || now - this.cached.at > 1_000) {
      const backlog = this.audit.chainBacklog();
      backlog.catch(() => (this.cached = undefined));
      this.cached = { at: now, backlog };
    }
    return this.cached.backlog;
  }
}
