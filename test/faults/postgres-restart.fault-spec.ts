import { setTimeout as sleep } from 'node:timers/promises';
import { printLedger, Scenario, totalDuplicateEffects } from './kit';

/**
 * Fault 4: PostgreSQL restarts under load. The api and the worker reach PostgreSQL
 * through a fault proxy that cuts every connection mid-transaction and refuses new
 * ones for five seconds — a restart as clients see it (ADR 0011). GP systems retry
 * with their Idempotency-Key. Every 201 must have its rows, replaying each key must
 * return the same referral, and the relay must resume by itself.
 */
describe('fault: PostgreSQL restarted under load', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('pg-restart', { pgProxy: true });
    await s.api.start();
    await s.worker.start();
  });

  it('keeps every acknowledged referral, answers replays the same, and routes them all', async () => {
    const load = s.submit(150, { concurrency: 8, retry: true, retryForMs: 60_000 });
    while (s.acknowledged.length < 40) await sleep(20);
    await s.proxy!.outage();
    const outageStarted = Date.now();
    await sleep(5_000);
    await s.proxy!.restore();
    const faultEndedAt = Date.now();
    const failures = await load;

    // A new referral after the outage is routed without anyone restarting anything.
    const ledger = await s.settle(60_000, faultEndedAt);
    printLedger('PostgreSQL restarted under load', ledger, {
      outageMs: faultEndedAt - outageStarted,
      failedAttempts: failures.length,
      failedAnswers: [...new Set(failures)],
      retriedReferrals: s.acknowledged.filter((a) => a.attempts > 1).length,
    });
    expect(failures.length).toBeGreaterThan(0); // the outage did hit requests in flight
    expect([...new Set(failures)]).toEqual(['503']); // "try again", never a 500
    expect(ledger.acknowledged).toBe(150);
    expect(ledger.missingRows).toBe(0);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
    expect(new Set(s.acknowledged.map((a) => a.id)).size).toBe(150);

    const token = await s.token(s.gp);
    const replays = await Promise.all(s.acknowledged.map((a) => s.post('/v1/referrals', token, a.body, a.key)));
    expect(replays.map((r) => r.status)).toEqual(Array(150).fill(201));
    expect(replays.map((r) => r.body.id)).toEqual(s.acknowledged.map((a) => a.id));
    const [{ n }] = (await s.db.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [s.municipalityId])).rows;
    expect(n).toBe(150);
  });
});
