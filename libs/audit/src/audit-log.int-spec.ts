import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@bro/platform';
import { canonicalAuditRow, verifyAuditChain } from './audit-chain';
import { AuditChainLinker, linkPendingAudit } from './audit-chain-linker';

describe('audit_log (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 8)).initialize();
  });
  afterAll(() => ds.destroy());

  /** Writes a row and links it, as the worker's linker does just after commit (ADR 0042). */
  const insert = async (municipalityId: string, action: string, purpose: string | null = null) => {
    const [{ id }]: { id: string }[] = await ds.query(
      'INSERT INTO audit_log (municipality_id, action, purpose) VALUES ($1, $2, $3) RETURNING id::text AS id',
      [municipalityId, action, purpose],
    );
    await linkPendingAudit(ds);
    return id;
  };

  it('is append-only: rows can be added, never changed or removed', async () => {
    const id = await insert(randomUUID(), 'referral.read');
    await expect(ds.query("UPDATE audit_log SET action = 'nothing' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log CASCADE')).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_chain WHERE audit_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_chain_head')).rejects.toThrow(/append-only/);
    const [row] = await ds.query('SELECT action FROM audit_log WHERE id = $1', [id]);
    expect(row.action).toBe('referral.read');
  });

  it('computes the same canonical text as the database, nulls and non-ASCII included', async () => {
    const id = await insert(randomUUID(), 'citizen.read', 'begrundelse: ærø | S3:x');
    const [db] = await ds.query(
      `SELECT audit_canonical(a) AS text, ARRAY[a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text,
              a.municipality_id::text, a.user_id::text, a.role, a.action, a.citizen_id::text, a.referral_id::text,
              a.purpose, a.request_id] AS fields
         FROM audit_log a WHERE id = $1`,
      [id],
    );
    expect(canonicalAuditRow(db.fields)).toBe(db.text);
  });

  it('chains a list page naming several cases (ADR 0037), whose cases are in its hash, and refuses unpaired cases', async () => {
    const municipalityId = randomUUID();
    const [citizens, referrals] = [
      [randomUUID(), randomUUID()],
      [randomUUID(), randomUUID()],
    ];
    const [{ id }] = await ds.query(
      `INSERT INTO audit_log (municipality_id, action, citizen_ids, referral_ids) VALUES ($1, 'follow-up.list', $2, $3)
       RETURNING id::text AS id`,
      [municipalityId, citizens, referrals],
    );
    const [db] = await ds.query(
      `SELECT audit_canonical(a) AS text, ARRAY[a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text,
              a.municipality_id::text, a.user_id::text, a.role, a.action, a.citizen_id::text, a.referral_id::text,
              a.purpose, a.request_id, a.citizen_ids::text, a.referral_ids::text] AS fields
         FROM audit_log a WHERE id = $1`,
      [id],
    );
    expect(canonicalAuditRow(db.fields)).toBe(db.text);
    expect(db.text).toContain(referrals[1]);
    await linkPendingAudit(ds);
    expect((await verifyAuditChain(ds)).breaks.filter((b) => b.municipalityId === municipalityId)).toEqual([]);
    await expect(
      ds.query("INSERT INTO audit_log (municipality_id, action, citizen_ids, referral_ids) VALUES ($1, 'x', $2, $3)", [
        municipalityId,
        citizens,
        referrals.slice(1),
      ]),
    ).rejects.toThrow(/audit_log_listed/);
    await expect(
      ds.query("INSERT INTO audit_log (municipality_id, action, citizen_ids) VALUES ($1, 'x', $2)", [municipalityId, citizens]),
    ).rejects.toThrow(/audit_log_listed/);
  });

  it('a row waits outside the chain until linked, and is not a break meanwhile; a row neither waiting nor linked is (ADR 0042)', async () => {
    const municipalityId = randomUUID();
    const [{ id }] = await ds.query("INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'waiting') RETURNING id::text AS id", [
      municipalityId,
    ]);
    expect(await ds.query('SELECT municipality_id FROM audit_chain_pending WHERE audit_id = $1', [id])).toEqual([
      { municipality_id: municipalityId },
    ]);
    expect(await ds.query('SELECT 1 FROM audit_chain WHERE audit_id = $1', [id])).toEqual([]);
    const waiting = await verifyAuditChain(ds);
    expect(waiting.breaks.filter((b) => b.auditId === id)).toEqual([]);
    expect(waiting.pending).toBeGreaterThanOrEqual(1);
    await linkPendingAudit(ds);
    expect(await ds.query('SELECT seq::text AS seq FROM audit_chain WHERE audit_id = $1', [id])).toEqual([{ seq: '1' }]);
    expect(await ds.query('SELECT 1 FROM audit_chain_pending WHERE audit_id = $1', [id])).toEqual([]);
    expect((await verifyAuditChain(ds)).breaks.filter((b) => b.municipalityId === municipalityId)).toEqual([]);
  });

  it('two linkers running at once while many transactions write: one unbroken chain per municipality, every row in it once', async () => {
    const municipalities = [randomUUID(), randomUUID(), randomUUID()];
    const linkers = [new AuditChainLinker(ds, 5), new AuditChainLinker(ds, 5)];
    for (const l of linkers) l.start();
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          ds.transaction(async (m) => {
            for (let k = 0; k < 3; k++) {
              await m.query('INSERT INTO audit_log (municipality_id, action) VALUES ($1, $2)', [municipalities[i % 3], `b${i}.${k}`]);
            }
          }),
        ),
      );
      const deadline = Date.now() + 10_000;
      const linked = async () =>
        (await ds.query('SELECT count(*)::int AS n FROM audit_chain WHERE municipality_id = ANY($1)', [municipalities]))[0].n as number;
      while ((await linked()) < 180 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await linked()).toBe(180);
    } finally {
      await Promise.all(linkers.map((l) => l.stop()));
    }
    expect((await verifyAuditChain(ds)).breaks.filter((b) => (municipalities as string[]).includes(b.municipalityId))).toEqual([]);
    const seqs: { n: number; max: string }[] = await ds.query(
      'SELECT count(DISTINCT audit_id)::int AS n, max(seq)::text AS max FROM audit_chain WHERE municipality_id = ANY($1) GROUP BY municipality_id',
      [municipalities],
    );
    expect(seqs).toEqual([
      { n: 60, max: '60' },
      { n: 60, max: '60' },
      { n: 60, max: '60' },
    ]);
  });

  it('chains rows written concurrently by many transactions, one chain per municipality', async () => {
    const municipalities = [randomUUID(), randomUUID()];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ds.transaction(async (m) => {
          for (let k = 0; k < 3; k++) {
            await m.query('INSERT INTO audit_log (municipality_id, action) VALUES ($1, $2)', [municipalities[i % 2], `a${i}.${k}`]);
          }
        }),
      ),
    );
    await linkPendingAudit(ds);
    const report = await verifyAuditChain(ds);
    expect(report.breaks).toEqual([]);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM audit_chain WHERE municipality_id = ANY($1)', [municipalities]);
    expect(n).toBe(120);
  });

  it('a row written by a rolled-back transaction leaves no link and no gap', async () => {
    const municipalityId = randomUUID();
    await insert(municipalityId, 'first');
    await ds
      .transaction(async (m) => {
        await m.query("INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'rolled back')", [municipalityId]);
        throw new Error('abort');
      })
      .catch(() => undefined);
    await insert(municipalityId, 'second');
    const seqs: { seq: string }[] = await ds.query('SELECT seq::text AS seq FROM audit_chain WHERE municipality_id = $1 ORDER BY seq', [
      municipalityId,
    ]);
    expect(seqs.map((s) => s.seq)).toEqual(['1', '2']);
    expect((await verifyAuditChain(ds)).breaks).toEqual([]);
  });

  describe('tampering by someone who can bypass the triggers (a superuser)', () => {
    // Runs last; each case tampers with a municipality of its own and reads only its breaks.
    let municipalityId: string;
    beforeEach(async () => {
      municipalityId = randomUUID();
      for (const action of ['one', 'two', 'three']) await insert(municipalityId, action);
    });

    const bypass = (sql: string) =>
      ds.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(sql, [municipalityId]);
      });
    const breaksOf = async () => (await verifyAuditChain(ds)).breaks.filter((b) => b.municipalityId === municipalityId);

    it('finds a changed row', async () => {
      await bypass("UPDATE audit_log SET action = 'changed' WHERE municipality_id = $1 AND action = 'two'");
      expect(await breaksOf()).toEqual([expect.objectContaining({ seq: '2', problem: expect.stringMatching(/changed/) })]);
    });

    it('finds a list page whose cases were changed', async () => {
      await ds.query("INSERT INTO audit_log (municipality_id, action, citizen_ids, referral_ids) VALUES ($1, 'listed', $2, $2)", [
        municipalityId,
        [randomUUID(), randomUUID()],
      ]);
      await linkPendingAudit(ds);
      await bypass(
        `UPDATE audit_log SET citizen_ids = ARRAY[gen_random_uuid(), gen_random_uuid()] WHERE municipality_id = $1 AND action = 'listed'`,
      );
      expect(await breaksOf()).toEqual([expect.objectContaining({ seq: '4', problem: expect.stringMatching(/changed/) })]);
    });

    it('finds a removed row', async () => {
      await bypass("DELETE FROM audit_log WHERE municipality_id = $1 AND action = 'two'");
      expect(await breaksOf()).toEqual([expect.objectContaining({ seq: '2', problem: 'the audit row is missing' })]);
    });

    it('finds a row slipped in without a link', async () => {
      await bypass("INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'forged')");
      expect(await breaksOf()).toEqual([expect.objectContaining({ problem: 'the audit row is not in the chain' })]);
    });

    it('finds a link forged past the head, with the head left as it was', async () => {
      await bypass(
        `WITH forged AS (INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'forged') RETURNING id)
         INSERT INTO audit_chain (audit_id, municipality_id, seq, hash) SELECT id, $1, 4, sha256('x') FROM forged`,
      );
      expect((await breaksOf()).map((b) => b.problem)).toEqual(expect.arrayContaining(['the chain ends at 4 but its head is at 3']));
    });

    it('finds a cut-off tail', async () => {
      await bypass('DELETE FROM audit_chain WHERE municipality_id = $1 AND seq = 3');
      expect((await breaksOf()).map((b) => b.problem)).toEqual(
        expect.arrayContaining(['the audit row is not in the chain', 'the chain ends at 2 but its head is at 3']),
      );
    });
  });
});
