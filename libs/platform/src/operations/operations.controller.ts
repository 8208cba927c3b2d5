import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from './public.decorator';
import { Metrics } from './metrics';
import { ReadinessReports } from './readiness-reports';
import { RedisHealthIndicator } from './redis-health';

/**
 * Health and metrics, served the same way by the api and the worker.
 * Unauthenticated, and they reveal nothing about cases.
 */
@ApiExcludeController()
@Controller()
export class OperationsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly metrics: Metrics,
    private readonly reports: ReadinessReports,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Public()
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  @HealthCheck()
  ready() {
    // Reports (outbox lag, queue depth) are always "up": they inform, readiness stays PostgreSQL + Redis.
    const reports = this.reports.entries().map(([key, report]) => async () => {
      const indicator = this.indicators.check(key);
      return indicator.up(await within(report(), 2_000).catch(() => ({ unavailable: true })));
    });
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 2_000 }), () => this.redis.check('redis'), ...reports]);
  }

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
