import { Global, Module } from '@nestjs/common';
import { Clock } from '../time/clock';
import { AppConfig, loadConfig } from './app-config';

/** Provides the validated AppConfig (loaded once per process) and the one Clock. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }, Clock],
  exports: [AppConfig, Clock],
})
export class ConfigModule {}
