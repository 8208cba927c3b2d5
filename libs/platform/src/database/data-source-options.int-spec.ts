import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * DATABASE_URL may name PostgreSQL's Unix socket the libpq way (`?host=/dir`); TypeORM
 * drops a URL's query, so without `dataSourceOptions` handing the directory on, the api
 * would connect over TCP to the URL's host instead (or fail where there is none).
 */
describe('dataSourceOptions and the Unix socket', () => {
  const socketDir = ['/var/run/postgresql', '/tmp'].find((d) => existsSync(`${d}/.s.PGSQL.5432`));

  it('hands a socket directory on as the host, with the URL’s user and database', () => {
    const options = dataSourceOptions('postgres://bro:s%C3%A6t@localhost:5433/bro_x?host=/run/pg', 3) as unknown as Record<string, unknown>;
    expect(options).toMatchObject({ host: '/run/pg', port: 5433, username: 'bro', password: 'sæt', database: 'bro_x', poolSize: 3 });
    expect(options.url).toBeUndefined();
    expect((dataSourceOptions('postgres://postgres@127.0.0.1:5432/bro', 3) as { url?: string }).url).toBe(
      'postgres://postgres@127.0.0.1:5432/bro',
    );
  });

  it('connects through the socket (the server sees a Unix-socket client: no client address)', async () => {
    expect(socketDir).toBeDefined(); // the test server listens on its socket too (Debian's default)
    const u = new URL(process.env.DATABASE_URL!);
    u.hostname = 'nowhere.invalid'; // were the socket ignored, this host would fail to resolve
    u.searchParams.set('host', socketDir!);
    const ds = new DataSource(dataSourceOptions(u.toString(), 1));
    await ds.initialize();
    try {
      const [row] = await ds.query('SELECT inet_client_addr() AS addr, current_database() AS db');
      expect(row).toEqual({ addr: null, db: new URL(process.env.DATABASE_URL!).pathname.slice(1) });
    } finally {
      await ds.destroy();
    }
  });
});
