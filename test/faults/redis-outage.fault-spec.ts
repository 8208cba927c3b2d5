import { setTimeout as sleep } from 'node:timers/promises';
import { printLedger, Scenario, totalDuplicateEffects, waitForValue } from './kit';

/**
 * Fault 9: Redis unreachable for 60 seconds (a partition: a fault proxy cuts every
 * connection and refuses new ones; Redis keeps its data). Readiness must say so while
 * it lasts, and afterwards the workers must consume again — a new job completes
 * within 30 seconds — rather than look healthy while queues grow.
 */
describe('fault: Redis unavailable for 60 seconds', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('redis-outage', { redisProxy: true });
    await s.api.start();
    await s.worker.start();
  });

  it('reports not ready during the outage and consumes again afterwards', async () => {
    await s.submit(10);
    await s.settle(20_000);
    for (const p of [s.api, s.worker]) await waitForValue(`${p.name} ready`, () => p.ready());

    await s.redisProxy!.outage();
    const outageStarted = Date.now();
    const samples: boolean[] = [];
    const during = s.submit(20, { concurrency: 2 }); // intake goes on meanwhile
    while (Date.now() - outageStarted < 60_000) {
      await sleep(5_000);
      if (Date.now() - outageStarted > 2_500) samples.push(await s.api.ready(), await s.worker.ready());
    }
    const failures = await during;
    await s.redisProxy!.restore();
    const faultEndedAt = Date.now();
    expect(samples.length).toBeGreaterThanOrEqual(20);
    expect(samples.filter(Boolean)).toEqual([]); // not ready at any sample during the outage
    expect(failures).toEqual([]);

    // A new job after the outage completes within 30 s.
    const before = s.acknowledged.length;
    await s.submit(1);
    const fresh = s.acknowledged[before].id;
    const routed = await waitForValue(
      'the new referral to be routed',
      async () =>
        (await s.db.query("SELECT 1 FROM referral WHERE id = $1 AND status <> 'submitted'", [fresh])).rowCount === 1 ? Date.now() : 0,
      30_000,
      50,
    );
    const newJobMs = routed - faultEndedAt;
    for (const p of [s.api, s.worker]) await waitForValue(`${p.name} ready again`, () => p.ready(), 30_000);

    const ledger = await s.settle(30_000, faultEndedAt);
    printLedger('Redis unavailable for 60 s', ledger, { newJobCompletedAfterMs: newJobMs, readinessSamples: samples.length });
    expect(newJobMs).toBeLessThan(30_000);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });
});
