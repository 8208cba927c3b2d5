import { setTimeout as sleep } from 'node:timers/promises';
import { printLedger, Scenario, totalDuplicateEffects } from './kit';

/**
 * BullMQ on a real Redis Cluster (ADR 0019): three masters started here on loopback
 * ports (`redis-server --cluster-enabled yes`, joined with `redis-cli --cluster
 * create`), the queue prefix hash-tagged (`{bro-fault-cluster}`), the api and the
 * worker configured with REDIS_CLUSTER_NODES. The whole flow runs on it — intake,
 * relay, matching, follow-ups, milestones — under the fault ledger, with the worker
 * SIGKILLed mid-flow.
 */
describe('Redis Cluster: the flow and the fault ledger', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.create('cluster', { cluster: true });
    await s.api.start();
    await s.worker.start();
  });

  it('is ready on the cluster, having checked every master', async () => {
    for (const p of [s.api, s.worker]) {
      const ready = await p.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.redis).toMatchObject({ status: 'up', maxmemoryPolicy: 'noeviction', clusterMasters: 3 });
    }
  });

  it('routes every referral once, through a worker SIGKILL: lost 0, duplicate effects 0', async () => {
    let kills = 0;
    let submitting = true;
    const killer = (async () => {
      while (submitting || kills < 2) {
        await sleep(1_000 + Math.random() * 1_000);
        await s.worker.stop('SIGKILL');
        kills += 1;
        await s.worker.start({}, false);
        await s.worker.waitLive().catch(() => undefined);
      }
    })();
    const failures = await s.submit(120, { concurrency: 6 });
    submitting = false;
    await killer;
    const faultEndedAt = Date.now();
    await s.worker.waitLive();

    const ledger = await s.settle(90_000, faultEndedAt);
    const keysPerMaster = await s.cluster!.keysPerMaster();
    printLedger('Redis Cluster (3 masters), worker SIGKILLed', ledger, { kills, httpFailures: failures.length, keysPerMaster });
    expect(failures).toEqual([]);
    expect(ledger.acknowledged).toBe(120);
    expect(ledger.lost).toBe(0);
    expect(totalDuplicateEffects(ledger)).toBe(0);
    expect(ledger.outboxNotDone).toBe(0);

    // The flow: each referral assigned, its first-contact follow-up made, the referrer told "received" and "assigned".
    const ids = s.acknowledged.map((a) => a.id);
    const { rows } = await s.db.query<{ assigned: string; followups: string; milestones: string }>(
      `SELECT (SELECT count(*) FROM referral WHERE id = ANY($1) AND status = 'assigned') AS assigned,
              (SELECT count(*) FROM follow_up WHERE referral_id = ANY($1) AND kind = 'first_contact') AS followups,
              (SELECT count(*) FROM message WHERE referral_id = ANY($1) AND kind = 'referrer_milestone') AS milestones`,
      [ids],
    );
    expect(rows[0]).toEqual({ assigned: '120', followups: '120', milestones: '240' });
    // The hash tag put every key of the prefix in one slot, so on one master.
    expect(keysPerMaster.filter((n) => n > 0)).toHaveLength(1);
  });

  it('closes every cluster connection on SIGTERM: both processes end cleanly, in time', async () => {
    for (const p of [s.worker, s.api]) {
      const exit = await p.stop('SIGTERM');
      // Nest re-raises the signal once shutdown is done; the worker's deadline path would exit with 1.
      expect(exit.code === 0 || (exit.code === null && exit.signal === 'SIGTERM')).toBe(true);
      expect(exit.ms).toBeLessThan(8_000);
    }
  });
});
