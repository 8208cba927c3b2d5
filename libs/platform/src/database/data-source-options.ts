import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Shared TypeORM options: migrations only, never synchronize, no extension installs. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    poolSize,
    extra: {
      // Fail fast instead of hanging when PostgreSQL is away; the pool replaces dead sockets.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      application_name: 'bro',
    },
  };
}
