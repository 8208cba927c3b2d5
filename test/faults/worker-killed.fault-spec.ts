import { setTimeout as sleep } from 'node:timers/promises';
import { printLedger, Scenario, totalDuplicateEffects } from './kit';

/**
 * Fault 1: the worker is SIGKILLed again and again while 200 referrals flow through
 * matching. Jobs die mid-way, their locks expire, they run again; the relay dies
 * between addBulk and commit and relays again. Nothing may be lost or done twice.
 */
describe('fault: worker SIGKILLed repeatedly', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('sigkill');
    await s.api.start();
    await s.worker.start();
  });

  it('loses nothing and does nothing twice', async () => {
    let kills = 0;
    let submitting = true;
    const killer = (async () => {
      while (submitting || kills < 5) {
        await sleep(700 + Math.random() * 1_300);
        await s.worker.stop('SIGKILL');
        kills += 1;
        await s.worker.start({}, false);
        await s.worker.waitLive().catch(() => undefined);
      }
    })();
    const failures = await s.submit(200, { concurrency: 8 });
    submitting = false;
    await killer;
    const faultEndedAt = Date.now();
    await s.worker.waitLive();

    const ledger = await s.settle(60_000, faultEndedAt);
    printLedger('worker SIGKILLed repeatedly', ledger, { kills, httpFailures: failures.length });
    expect(failures).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(ledger.acknowledged).toBe(200);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });
});
