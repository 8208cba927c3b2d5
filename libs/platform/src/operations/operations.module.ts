import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Metrics } from './metrics';
import { OperationsController } from './operations.controller';
import { OutboxMonitor } from './outbox-monitor';
import { ReadinessReports } from './readiness-reports';
import { RedisHealthIndicator } from './redis-health';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [OperationsController],
  providers: [Metrics, RedisHealthIndicator, ReadinessReports, OutboxMonitor],
  exports: [Metrics, RedisHealthIndicator, ReadinessReports],
})
export class OperationsModule {}
