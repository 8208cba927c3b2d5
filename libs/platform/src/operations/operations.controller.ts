import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from './public.decorator';
import { Metrics } from './metrics';
import { RedisHealthIndicator } from './redis-health';

/** Extra readiness checks a process adds (the worker adds its queues). */
export const EXTRA_READINESS_CHECKS = Symbol('EXTRA_READINESS_CHECKS');
export type ReadinessCheck = () => Promise<HealthIndicatorResult>;

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
    @Optional() @Inject(EXTRA_READINESS_CHECKS) private readonly extra: ReadinessCheck[] = [],
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
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 2_000 }), () => this.redis.check('redis'), ...this.extra]);
  }

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
