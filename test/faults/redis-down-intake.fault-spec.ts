import { printLedger, Scenario, totalDuplicateEffects } from './kit';

/**
 * Fault 3: Redis is down while GPs send referrals. Intake writes PostgreSQL only, so
 * every POST answers 201 at once; once Redis is back, the relay routes them all.
 */
describe('fault: Redis stopped during intake', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('redis-down');
    await s.api.start();
    await s.worker.start();
  });

  it('answers 201 from PostgreSQL alone, and routes every referral after Redis returns', async () => {
    await s.submit(10); // the flow works before the fault
    await s.redis.stop();
    const started = Date.now();
    const failures = await s.submit(60, { concurrency: 6 }); // no retries: each first answer must be a 201
    const intakeMs = Date.now() - started;
    expect(failures).toEqual([]);
    expect(intakeMs).toBeLessThan(20_000); // nothing waited on Redis
    expect((await s.api.get('/health/ready')).status).toBe(503);
    expect((await s.worker.get('/health/ready')).status).toBe(503);

    await s.redis.restart();
    const faultEndedAt = Date.now();
    const ledger = await s.settle(60_000, faultEndedAt);
    printLedger('Redis stopped during intake', ledger, { intakeMs, httpFailures: failures.length });
    expect(ledger.acknowledged).toBe(70);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });
});
