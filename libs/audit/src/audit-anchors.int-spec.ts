import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@bro/platform';
import { anchorAuditChain, anchorFileName, AuditAnchor, readAnchors } from './audit-anchors';
import { chainLink, verifyAuditChain } from './audit-chain';

/**
 * Anchors of the audit chain outside the database (ADR 0017), against real PostgreSQL
 * and a real directory. The forgeries here are the ones the chain alone cannot see
 * (ADR 0012's limit): a superuser who rewrites a row *and* every later link and the
 * head, or who cuts the chain back and sets the head to match.
 */
describe('audit chain anchors (real PostgreSQL, a real directory)', () => {
  let ds: DataSource;
  let dir: string;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4)).initialize();
  });
  afterAll(() => ds.destroy());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bro-anchors-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function municipalityWithRows(actions: string[]): Promise<string> {
    const municipalityId = randomUUID();
    for (const action of actions)
      await ds.query('INSERT INTO audit_log (municipality_id, action) VALUES ($1, $2)', [municipalityId, action]);
    return municipalityId;
  }

  const bypass = (work: (m: DataSource['manager']) => Promise<void>) =>
    ds.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await work(m);
    });

  /** Rewrites the links from `fromSeq` on and the head so that the chain checks out inside the database. */
  async function relink(m: DataSource['manager'], municipalityId: string, fromSeq: number): Promise<void> {
    const rows: { seq: string; hash: Buffer; fields: (string | null)[] }[] = await m.query(
      `SELECT c.seq::text AS seq, c.hash, ARRAY[a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text, a.municipality_id::text,
              a.user_id::text, a.role, a.action, a.citizen_id::text, a.referral_id::text, a.purpose, a.request_id] AS fields
         FROM audit_chain c JOIN audit_log a ON a.id = c.audit_id WHERE c.municipality_id = $1 ORDER BY c.seq`,
      [municipalityId],
    );
    let previous: Buffer = Buffer.alloc(0);
    for (const row of rows) {
      const hash = Number(row.seq) >= fromSeq ? chainLink(previous, row.fields) : row.hash;
      if (Number(row.seq) >= fromSeq)
        await m.query('UPDATE audit_chain SET hash = $3 WHERE municipality_id = $1 AND seq = $2', [municipalityId, row.seq, hash]);
      previous = hash;
    }
    const last = rows[rows.length - 1];
    await m.query('UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE municipality_id = $1', [municipalityId, last.seq, previous]);
  }

  const breaksOf = async (municipalityId: string) =>
    (await verifyAuditChain(ds, { anchorDir: dir })).breaks.filter((b) => b.municipalityId === municipalityId);

  it('appends one line per municipality head — time, municipality, row id, head hash — to the month’s file', async () => {
    const municipalityId = await municipalityWithRows(['one', 'two']);
    const now = new Date('2026-11-24T10:00:00Z');
    const { written, file } = await anchorAuditChain(ds, dir, { now });
    expect(file).toBe(join(dir, 'audit-anchors-2026-11.jsonl'));
    expect(anchorFileName(now)).toBe('audit-anchors-2026-11.jsonl');

    const [head] = await ds.query(
      `SELECT h.seq::text AS seq, c.audit_id::text AS "auditId", encode(h.hash, 'hex') AS hash
         FROM audit_chain_head h JOIN audit_chain c ON c.municipality_id = h.municipality_id AND c.seq = h.seq WHERE h.municipality_id = $1`,
      [municipalityId],
    );
    const mine = written.filter((a) => a.municipalityId === municipalityId);
    expect(mine).toEqual([{ at: now.toISOString(), municipalityId, seq: '2', auditId: head.auditId, hash: head.hash }]);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as AuditAnchor)).toEqual(written);
    expect(await readdir(dir)).toEqual(['audit-anchors-2026-11.jsonl']);
  });

  it('anchors a head again only once it moved or a day has passed; on demand, every head', async () => {
    const municipalityId = await municipalityWithRows(['one']);
    const at = (iso: string) => ({ now: new Date(iso) });
    const mine = (w: { written: AuditAnchor[] }) => w.written.filter((a) => a.municipalityId === municipalityId).map((a) => a.seq);
    expect(mine(await anchorAuditChain(ds, dir, at('2026-11-24T10:00:00Z')))).toEqual(['1']);
    expect(mine(await anchorAuditChain(ds, dir, at('2026-11-24T11:00:00Z')))).toEqual([]);
    expect(mine(await anchorAuditChain(ds, dir, { ...at('2026-11-24T11:30:00Z'), force: true }))).toEqual(['1']);
    await ds.query("INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'two')", [municipalityId]);
    expect(mine(await anchorAuditChain(ds, dir, at('2026-11-24T12:00:00Z')))).toEqual(['2']);
    expect(mine(await anchorAuditChain(ds, dir, at('2026-11-25T12:00:01Z')))).toEqual(['2']); // a day later, unchanged
    // A new month starts a new file; the old one is only ever appended to.
    expect(mine(await anchorAuditChain(ds, dir, at('2026-12-26T12:00:00Z')))).toEqual(['2']);
    expect((await readdir(dir)).sort()).toEqual(['audit-anchors-2026-11.jsonl', 'audit-anchors-2026-12.jsonl']);
    expect((await readAnchors(dir)).anchors.filter((a) => a.municipalityId === municipalityId).map((a) => a.seq)).toEqual([
      '1',
      '1',
      '2',
      '2',
      '2',
    ]);
  });

  it('an intact chain agrees with its anchors', async () => {
    const municipalityId = await municipalityWithRows(['one', 'two']);
    await anchorAuditChain(ds, dir);
    await ds.query("INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'three')", [municipalityId]);
    const report = await verifyAuditChain(ds, { anchorDir: dir });
    expect(report.anchors).toBeGreaterThanOrEqual(1);
    expect(report.breaks.filter((b) => b.municipalityId === municipalityId)).toEqual([]);
    // Without a directory nothing is read.
    expect((await verifyAuditChain(ds)).anchors).toBeNull();
  });

  it('finds an anchored row rewritten together with every later link and the head (which the chain alone cannot)', async () => {
    const municipalityId = await municipalityWithRows(['one', 'two', 'three']);
    await anchorAuditChain(ds, dir);
    await bypass(async (m) => {
      await m.query("UPDATE audit_log SET action = 'forged' WHERE municipality_id = $1 AND action = 'three'", [municipalityId]);
      await relink(m, municipalityId, 3);
    });
    expect((await verifyAuditChain(ds)).breaks.filter((b) => b.municipalityId === municipalityId)).toEqual([]); // consistent forgery
    expect(await breaksOf(municipalityId)).toEqual([
      expect.objectContaining({ seq: '3', problem: expect.stringMatching(/^the anchored row was changed or replaced/) }),
    ]);
  });

  it('finds the chain cut back behind its last anchor, with the head set to match', async () => {
    const municipalityId = await municipalityWithRows(['one', 'two', 'three']);
    await anchorAuditChain(ds, dir);
    await bypass(async (m) => {
      const [{ id }] = await m.query('SELECT audit_id AS id FROM audit_chain WHERE municipality_id = $1 AND seq = 3', [municipalityId]);
      await m.query('DELETE FROM audit_chain WHERE municipality_id = $1 AND seq = 3', [municipalityId]);
      await m.query('DELETE FROM audit_log WHERE id = $1', [id]);
      await relink(m, municipalityId, 3);
    });
    expect((await verifyAuditChain(ds)).breaks.filter((b) => b.municipalityId === municipalityId)).toEqual([]);
    expect(await breaksOf(municipalityId)).toEqual([
      expect.objectContaining({ seq: '2', problem: expect.stringMatching(/^truncated: the chain ends at 2, before its anchor at 3/) }),
    ]);
  });

  it('finds rows removed after an anchored row and the rest relinked over the gap', async () => {
    const municipalityId = await municipalityWithRows(['one', 'two']);
    await anchorAuditChain(ds, dir);
    for (const action of ['three', 'four'])
      await ds.query('INSERT INTO audit_log (municipality_id, action) VALUES ($1, $2)', [municipalityId, action]);
    await anchorAuditChain(ds, dir);
    // Rows 2–3 go; row 4 is renumbered 2 and everything relinked: a chain of two that checks out.
    await bypass(async (m) => {
      const gone: { id: string }[] = await m.query('SELECT audit_id AS id FROM audit_chain WHERE municipality_id = $1 AND seq IN (2, 3)', [
        municipalityId,
      ]);
      await m.query('DELETE FROM audit_chain WHERE municipality_id = $1 AND seq IN (2, 3, 4)', [municipalityId]);
      await m.query('DELETE FROM audit_log WHERE id = ANY($1)', [gone.map((g) => g.id)]);
      const [{ id }] = await m.query("SELECT id FROM audit_log WHERE municipality_id = $1 AND action = 'four'", [municipalityId]);
      await m.query("INSERT INTO audit_chain (audit_id, municipality_id, seq, hash) VALUES ($1, $2, 2, '\\x00')", [id, municipalityId]);
      await relink(m, municipalityId, 2);
    });
    expect((await verifyAuditChain(ds)).breaks.filter((b) => b.municipalityId === municipalityId)).toEqual([]);
    const problems = (await breaksOf(municipalityId)).map((b) => `${b.seq}: ${b.problem.split(' (')[0]}`);
    expect(problems.sort()).toEqual(
      [
        '2: the anchored row was changed or replaced since it was anchored',
        '2: truncated: the chain ends at 2, before its anchor at 4',
      ].sort(),
    );
  });

  it('reports a line in the anchor directory that is not an anchor', async () => {
    await municipalityWithRows(['one']);
    const { file } = await anchorAuditChain(ds, dir);
    await appendFile(file, '{"at":"2026-11-24T10:00:00Z","municipalityId":"x"}\n');
    const report = await verifyAuditChain(ds, { anchorDir: dir });
    expect(report.breaks).toEqual(
      expect.arrayContaining([expect.objectContaining({ problem: expect.stringMatching(/line \d+ is not an anchor$/) })]),
    );
  });
});
