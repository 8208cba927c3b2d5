import { printLedger, Scenario, totalDuplicateEffects, waitForValue } from './kit';

/**
 * Fault 6: SIGTERM while jobs are in flight (every deploy). The worker must stop the
 * relay, let active jobs finish, exit within SHUTDOWN_DEADLINE_MS and leave no job
 * active in Redis; the next worker picks up the rest. Jobs are slowed down by the
 * test-only fault hook (FAULT_INJECTION delay) so that some are surely in flight.
 */
describe('fault: SIGTERM during in-flight jobs', () => {
  let s: Scenario;
  const deadlineMs = 10_000;
  beforeAll(async () => {
    s = await Scenario.create('sigterm', { env: { SHUTDOWN_DEADLINE_MS: String(deadlineMs) } });
    await s.api.start();
    await s.worker.start({ FAULT_INJECTION: 'matching.match=delay:2000' });
  });

  const active = () => s.redis.with((r) => r.llen(`${s.prefix}:matching:active`));

  it('exits within its deadline, cleanly, with no job left active', async () => {
    await s.submit(30, { concurrency: 6 });
    const inFlight = await waitForValue('matching jobs in flight', async () => (await active()) > 0 && (await active()), 15_000, 20);

    const { code, signal, ms } = await s.worker.stop('SIGTERM');
    const leftActive = await active();

    await s.worker.start({ FAULT_INJECTION: '' }); // the next deploy
    const ledger = await s.settle(30_000);
    printLedger('SIGTERM during in-flight jobs', ledger, { inFlightAtSigterm: inFlight, exit: code ?? signal, exitMs: ms, leftActive });
    // Nest re-raises the signal once shutdown is done; the deadline path would exit with 1.
    expect(code === 0 || (code === null && signal === 'SIGTERM')).toBe(true);
    expect(ms).toBeLessThan(deadlineMs);
    expect(leftActive).toBe(0);
    expect(ledger.duplicateDeliveries).toBe(0); // the in-flight jobs finished in the stopping worker, none ran again
    expect(ledger.acknowledged).toBe(30);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);
  });
});
