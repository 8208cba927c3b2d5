import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Metrics } from './metrics';
import { OperationsController } from './operations.controller';
import { RedisHealthIndicator } from './redis-health';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [OperationsController],
  providers: [Metrics, RedisHealthIndicator],
  exports: [Metrics, RedisHealthIndicator],
})
export class OperationsModule {}
