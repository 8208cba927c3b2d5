import { getQueueToken } from '@nestjs/bullmq';
import { readAnchors, verifyAuditChain } from '@bro/audit';
import type { Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMunicipality, createUser, referralBody, waitFor, withApiAndWorker } from './kit';

/**
 * The worker anchors the audit chain heads outside the database (ADR 0017): a job
 * scheduler in the maintenance queue runs `maintenance.anchor-audit` hourly, and a run
 * appends the heads to AUDIT_ANCHOR_DIR, which `audit:verify` then checks against.
 */
describe('audit anchors from the worker (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bro-anchors-e2e-'));
  const t = withApiAndWorker({ AUDIT_ANCHOR_DIR: dir });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const maintenance = () => t.worker.get<Queue>(getQueueToken('maintenance'), { strict: false });

  it('keeps an hourly job scheduler for the anchors', async () => {
    const scheduler = await waitFor('the anchor schedule', () => maintenance().getJobScheduler('maintenance.anchor-audit'));
    expect(scheduler).toMatchObject({ pattern: '45 * * * *', tz: 'Europe/Copenhagen' });
  });

  it('appends the municipality’s head when the job runs, and the chain agrees with it', async () => {
    const m = await createMunicipality(t.ds);
    const gp = await createUser(t.ds, m, 'referrer');
    expect((await t.call(gp, 'POST', '/v1/referrals', referralBody())).status).toBe(201); // audited
    // The worker's linker puts the row into the chain just after its commit (ADR 0042).
    const head = await waitFor(
      'the audit row linked by the worker',
      async () =>
        (await t.ds.query('SELECT seq::text AS seq FROM audit_chain_head WHERE municipality_id = $1', [m]))[0] as
          { seq: string } | undefined,
    );

    const job = await maintenance().add('maintenance.anchor-audit', { v: 1 });
    const anchor = await waitFor('the anchor line', async () => (await readAnchors(dir)).anchors.find((a) => a.municipalityId === m));
    expect(BigInt(anchor.seq)).toBeGreaterThanOrEqual(BigInt(head.seq));
    await waitFor('the job done', async () => (await job.getState()) === 'completed');

    const report = await verifyAuditChain(t.ds, { anchorDir: dir });
    expect(report.anchors).toBeGreaterThanOrEqual(1);
    expect(report.breaks.filter((b) => b.municipalityId === m)).toEqual([]);
  });
});
