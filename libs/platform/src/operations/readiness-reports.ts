import { Injectable } from '@nestjs/common';

/** Facts shown under /health/ready that never change whether the process is ready (queue depth, outbox lag). */
export type ReadinessReport = () => Promise<Record<string, unknown>>;

/**
 * Where a process adds such facts: readiness still means PostgreSQL and Redis are
 * usable (and Redis keeps its keys); these only tell an operator how far behind it is.
 */
@Injectable()
export class ReadinessReports {
  private readonly reports = new Map<string, ReadinessReport>();

  add(key: string, report: ReadinessReport): void {
    this.reports.set(key, report);
  }

  entries(): [string, ReadinessReport][] {
    return [...this.reports];
  }
}
