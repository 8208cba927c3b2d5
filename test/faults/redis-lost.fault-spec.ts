import { printLedger, Scenario, totalDuplicateEffects } from './kit';

/**
 * Fault 2: Redis loses everything mid-flow — flushed, and separately restarted empty —
 * while the worker and its relay run. Queued, active and scheduled jobs vanish; the
 * outbox ledger (relayed, not done, job gone → relayed again), the matching sweep and
 * the scheduler keeper must bring every referral home, once.
 */
describe('fault: Redis loses its data mid-flow', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('redis-lost');
    await s.api.start();
    await s.worker.start();
  });

  async function flowWith(fault: () => Promise<void>): Promise<{ failures: string[]; faultEndedAt: number }> {
    const load = s.submit(100, { concurrency: 6 });
    // Strike when part of the load is in, with jobs waiting, active and completed.
    while (s.acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    await fault();
    const faultEndedAt = Date.now();
    return { failures: await load, faultEndedAt };
  }

  it('FLUSHALL mid-flow: lost = 0, duplicate effects = 0', async () => {
    const { failures, faultEndedAt } = await flowWith(async () => {
      expect(await s.redis.command(['FLUSHALL'])).toBe('OK');
    });
    const ledger = await s.settle(60_000, faultEndedAt);
    printLedger('Redis flushed mid-flow', ledger, { httpFailures: failures.length });
    expect(failures).toEqual([]);
    expect(ledger.acknowledged).toBe(100);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });

  it('Redis restarted empty mid-flow: lost = 0, duplicate effects = 0', async () => {
    const { failures, faultEndedAt } = await flowWith(async () => {
      await s.redis.stop(); // SHUTDOWN NOSAVE
      await s.redis.restart();
    });
    const ledger = await s.settle(60_000, faultEndedAt);
    printLedger('Redis restarted empty mid-flow (cumulative with the flush)', ledger, { httpFailures: failures.length });
    expect(failures).toEqual([]);
    expect(ledger.acknowledged).toBe(200);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });
});
