import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { bootApi, bootWorker, http, waitFor } from './kit';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startRedis(port: number, policy: string): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', policy],
    {
      stdio: 'ignore',
    },
  );
}

describe('operations (e2e)', () => {
  let api: NestFastifyApplication;
  beforeAll(async () => {
    api = await bootApi();
  });
  afterAll(() => api.close());

  it('is live and ready with PostgreSQL and a noeviction Redis', async () => {
    expect((await http(api, 'GET', '/health/live')).status).toBe(200);
    const ready = await http(api, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up', maxmemoryPolicy: 'noeviction' } });
  });

  it('serves Prometheus metrics without a token', async () => {
    await http(api, 'GET', '/health/live');
    const res = await http(api, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('bro_http_request_duration_seconds_bucket{');
    expect(res.body).toContain('route="/health/live"');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await http(api, 'GET', '/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/referrals', '/v1/referrals/{id}', '/v1/me', '/v1/auth/dev-token', '/v1/reference/reasons']),
    );
    expect(doc.body.components.schemas.CreateReferralDto.properties).toHaveProperty('citizen');
    const ui = await http(api, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('sets security headers', async () => {
    const res = await http(api, 'GET', '/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('is not ready while Redis is unreachable, and ready again once it is back (api and worker)', async () => {
    // A port where nothing listens yet; a Redis is started on it afterwards. (BullMQ
    // cannot close a connection that never came up, so the test lets it come up.)
    const port = await freePort();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, WORKER_PORT: '0' };
    const downApi = await bootApi(env);
    const downWorker = await bootWorker(env);
    let redis: ChildProcess | undefined;
    try {
      const res = await http(downApi, 'GET', '/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(res.body.details.redis.status).toBe('down');
      expect((await http(downWorker, 'GET', '/health/ready')).status).toBe(503);
      expect((await http(downApi, 'GET', '/health/live')).status).toBe(200);

      redis = startRedis(port, 'noeviction');
      await waitFor('api ready after Redis returns', async () => (await http(downApi, 'GET', '/health/ready')).status === 200);
      await waitFor('worker ready after Redis returns', async () => (await http(downWorker, 'GET', '/health/ready')).status === 200);
    } finally {
      redis ??= startRedis(port, 'noeviction'); // so the worker can close
      await waitFor('worker to close', async () => (await downWorker.close(), true));
      await downApi.close();
      redis.kill('SIGTERM');
    }
  });

  describe('against a Redis that evicts keys', () => {
    let redis: ChildProcess;
    let url: string;
    beforeAll(async () => {
      const port = await freePort();
      url = `redis://127.0.0.1:${port}`;
      redis = startRedis(port, 'allkeys-lru');
      await waitFor('the evicting redis to listen', async () => {
        const probe = await bootApi({ REDIS_URL: url });
        try {
          const res = await http(probe, 'GET', '/health/ready');
          return res.body?.details?.redis?.maxmemoryPolicy === 'allkeys-lru';
        } finally {
          await probe.close();
        }
      });
    });
    afterAll(() => {
      redis.kill('SIGTERM');
    });

    it('reports not ready, naming the policy', async () => {
      const evicting = await bootApi({ REDIS_URL: url });
      try {
        const res = await http(evicting, 'GET', '/health/ready');
        expect(res.status).toBe(503);
        expect(res.body.details.redis).toMatchObject({
          status: 'down',
          maxmemoryPolicy: 'allkeys-lru',
          message: 'maxmemory-policy must be noeviction',
        });
      } finally {
        await evicting.close();
      }
    });
  });
});
