import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import pg from 'pg';
import { guardedPool } from './connection-guard';
import { preparingPg } from './preparing-pg';

/**
 * Where to connect: the URL as it is, or — when it names a socket directory the libpq way
 * (`postgres://user@localhost/bro?host=/var/run/postgresql`) — that Unix socket. TypeORM
 * drops a URL's query, so the socket is handed on as `host` beside the URL's other parts.
 * A PostgreSQL on the same machine answers a round trip over its socket with about a
 * third less CPU than over loopback TCP (bench/README, issue 20).
 */
function connection(url: string): { url: string } | { host: string; port: number; username: string; password?: string; database: string } {
  const u = new URL(url);
  const socketDir = u.searchParams.get('host');
  if (!socketDir?.startsWith('/')) return { url };
  return {
    host: socketDir,
    port: Number(u.port || 5432),
    username: decodeURIComponent(u.username),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

/**
 * Shared TypeORM options: migrations only, never synchronize, no extension installs;
 * parameterized statements prepared once per connection unless `prepare` is false (ADR 0040).
 */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  prepare = true,
  nestedConnections: 'allow' | 'refuse' = 'allow',
): DataSourceOptions {
  const base = prepare ? preparingPg : pg;
  // `refuse`: a connection asked for inside transaction work fails at once (connection-guard.ts).
  const driver = nestedConnections === 'refuse' ? Object.assign(Object.create(base) as typeof pg, { Pool: guardedPool(base.Pool) }) : base;
  return {
    type: 'postgres',
    driver,
    ...connection(url),
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
      // Statements issued together on one transaction go out together (ADR 0043); awaited ones behave as before.
      pipeline: true,
      // A generic plan made while a table was small (a seq scan) is kept by its connection
      // until ANALYZE invalidates it; a connection that lives at most 5 minutes bounds that (ADR 0040).
      ...(prepare ? { maxLifetimeSeconds: 300 } : {}),
    },
  };
}
