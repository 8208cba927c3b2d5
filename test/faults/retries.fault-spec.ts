import { printLedger, Scenario, totalDuplicateEffects, waitForValue } from './kit';

/**
 * Fault 7: a job that fails transiently three times succeeds on its fourth attempt; a
 * job that fails permanently stops after one attempt and marks its case as needing
 * attention, which coordinators see. Failures come from the test-only fault hook
 * (FAULT_INJECTION, refused in production; ADR 0011). The matching sweep is slowed
 * down here so that only the job under test routes each referral.
 */
describe('fault: jobs failing transiently and permanently', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('retries', { env: { MATCHING_SWEEP_MS: '600000' } });
    await s.api.start();
  });

  async function matchJob(referralId: string): Promise<Record<string, string>> {
    const [row] = (
      await s.db.query("SELECT id FROM outbox WHERE job_name = 'matching.match' AND payload->>'referralId' = $1", [referralId])
    ).rows;
    return s.redis.with((r) => r.hgetall(`${s.prefix}:matching:${row.id}`));
  }

  const statusOf = async (id: string) =>
    (
      await s.db.query<{ status: string; needs_attention: string | null }>('SELECT status, needs_attention FROM referral WHERE id = $1', [
        id,
      ])
    ).rows[0];

  it('retries a transient failure with backoff and succeeds on the fourth attempt', async () => {
    await s.worker.start({ FAULT_INJECTION: 'matching.match=transient:3' });
    const before = s.acknowledged.length;
    await s.submit(1);
    const { id } = s.acknowledged[before];
    try {
      await waitForValue('the referral to be routed', async () => (await statusOf(id)).status === 'assigned', 30_000);
      // The case commits inside the handler; BullMQ stamps the job finished only after it returns.
      await waitForValue('the job to be marked finished', async () => (await matchJob(id)).finishedOn !== undefined, 30_000);
      const job = await matchJob(id);
      expect(job.ats).toBe('4'); // three failed attempts, then the one that succeeded
      expect(job.failedReason).toContain('injected transient fault');
      expect(Number(job.finishedOn)).toBeGreaterThanOrEqual(Number(job.processedOn)); // finished, after its last start
      expect(Number(job.processedOn)).toBeGreaterThan(0);
      expect((await statusOf(id)).needs_attention).toBeNull();
    } finally {
      await s.worker.stop(); // a failure here must not leave the next test a running worker
    }
  });

  it('stops a permanent failure after one attempt and shows coordinators the case needs attention', async () => {
    await s.worker.start({ FAULT_INJECTION: 'matching.match=permanent' });
    // Its own referral, whatever the test before it submitted (or whether it ran at all).
    const before = s.acknowledged.length;
    await s.submit(1);
    const { id } = s.acknowledged[before];
    await waitForValue('the case to be marked as needing attention', async () => (await statusOf(id)).needs_attention !== null, 20_000);
    const job = await matchJob(id);
    expect(job.ats).toBe('1');
    expect(job.failedReason).toBe('injected permanent fault');

    const seen = await s.getAs(s.coordinator, `/v1/referrals/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'submitted', needsAttention: 'matching.match_failed' });

    // A completed job's outbox row (the "received" milestone's) is marked done in a batch a
    // moment later: the ledger is read once only the failed job is left undone.
    await waitForValue(
      'every completed job marked done',
      async () => (await s.ledger()).notDone.every((row) => row.includes('redis=failed')),
      10_000,
    );
    const ledger = await s.ledger();
    printLedger('jobs failing transiently (3×) and permanently', ledger);
    expect(ledger.lost).toBe(0);
    expect(ledger.needsAttention).toBe(1);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.notDone).toEqual(['matching.match relayed=true redis=failed(injected permanent fault)']);
  });
});
