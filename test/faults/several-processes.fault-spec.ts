import { performance } from 'node:perf_hooks';
import { printLedger, Scenario, totalDuplicateEffects, waitForValue } from './kit';

const BURST = 300;

/**
 * Several processes (issue 20): two apis and two workers against one PostgreSQL and one
 * Redis. Outbox rows are claimed with FOR UPDATE SKIP LOCKED by both relays, jobs are
 * taken by both workers, and intake is spread over both apis. A burst is sent with one
 * api + one worker, then with two + two (the throughput of each is printed: this
 * machine is shared, so it is reported, not asserted), then once more while one worker
 * is SIGKILLed and stays dead: the ledger over everything must show nothing lost and
 * nothing done twice.
 */
describe('fault: two apis and two workers, one worker killed during a burst', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('several', { apis: 2, workers: 2, brobyggere: 10, capacity: 100 });
  });

  /** Sends a burst; returns referrals per second from its first POST until its last referral is routed, and for intake alone. */
  async function burst(label: string): Promise<{ endToEnd: number; intake: number; failures: string[] }> {
    const before = s.acknowledged.length;
    const started = performance.now();
    const failures = await s.submit(BURST, { concurrency: 16 });
    const intakeSeconds = (performance.now() - started) / 1000;
    const ids = s.acknowledged.slice(before).map((a) => a.id);
    await waitForValue(
      `${label}: every referral routed`,
      async () =>
        Number((await s.db.query("SELECT count(*) AS n FROM referral WHERE id = ANY($1) AND status <> 'submitted'", [ids])).rows[0].n) ===
        ids.length,
      120_000,
      50,
    );
    const seconds = (performance.now() - started) / 1000;
    return { endToEnd: ids.length / seconds, intake: ids.length / intakeSeconds, failures };
  }

  it('two of each lose nothing and do nothing twice, with a worker killed; prints the throughput of two vs one', async () => {
    await s.apis[0].start();
    await s.workers[0].start();
    await burst('warm-up');
    const one = await burst('one api + one worker');

    await s.apis[1].start();
    await s.workers[1].start();
    const two = await burst('two apis + two workers');

    // The fault: one worker SIGKILLed a third of the way into a burst, and left dead.
    const before = s.acknowledged.length;
    const load = s.submit(BURST, { concurrency: 16 });
    await waitForValue('a third of the burst in', async () => s.acknowledged.length - before >= BURST / 3, 60_000, 10);
    await s.workers[0].stop('SIGKILL');
    const faultEndedAt = Date.now();
    const failures = await load;

    // Jobs the dead worker held run again once their lock expires (JOB_LOCK_MS 4 s here).
    const ledger = await s.settle(90_000, faultEndedAt);
    const throughput = {
      oneApiOneWorker: `${one.endToEnd.toFixed(0)} referrals/s routed (intake ${one.intake.toFixed(0)}/s)`,
      twoApisTwoWorkers: `${two.endToEnd.toFixed(0)} referrals/s routed (intake ${two.intake.toFixed(0)}/s)`,
      ratio: (two.endToEnd / one.endToEnd).toFixed(2),
    };
    printLedger('two apis + two workers, one worker SIGKILLed mid-burst', ledger, {
      ...throughput,
      httpFailures: [...one.failures, ...two.failures, ...failures].length,
    });
    expect([...one.failures, ...two.failures, ...failures]).toEqual([]);
    expect(ledger.acknowledged).toBe(BURST * 4);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });
});
