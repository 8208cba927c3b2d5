import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { GuardedDataSource } from './connection-guard';
import { dataSourceOptions } from './data-source-options';
import type { DataSourceOptions } from 'typeorm';

/** The one DataSource of a process. Entities are registered by each domain module. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(
          config.DATABASE_URL,
          config.DATABASE_POOL_SIZE,
          config.DATABASE_PREPARE === 'on',
          config.DATABASE_NESTED_CONNECTIONS,
        ),
        autoLoadEntities: true,
        // Keep retrying at start-up rather than dying when PostgreSQL is late.
        retryAttempts: 30,
        retryDelay: 1000,
      }),
      // Every transaction is marked as such; under `refuse` the pool acts on the mark (ADR 0041).
      dataSourceFactory: (options?: DataSourceOptions) => {
        if (!options) throw new Error('no DataSource options');
        return new GuardedDataSource(options).initialize();
      },
    }),
  ],
})
export class DatabaseModule {}
