import { Scenario, waitForValue } from './kit';

/**
 * Fault 8: a Redis with an evicting memory policy drops BullMQ's jobs and locks under
 * pressure. The api and the worker must say they are not ready on one.
 */
describe('fault: Redis with an evicting memory policy', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('evicting');
    await s.api.start();
    await s.worker.start();
  });

  it('makes the api and the worker report not ready, naming the policy, until noeviction is back', async () => {
    for (const p of [s.api, s.worker]) await waitForValue(`${p.name} ready`, () => p.ready());
    await s.redis.command(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
    for (const p of [s.api, s.worker]) {
      const res = await p.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.details.redis).toMatchObject({ status: 'down', maxmemoryPolicy: 'allkeys-lru' });
      expect((await p.get('/health/live')).status).toBe(200);
    }
    await s.redis.command(['CONFIG', 'SET', 'maxmemory-policy', 'noeviction']);
    for (const p of [s.api, s.worker]) await waitForValue(`${p.name} ready again`, () => p.ready());
  });
});
