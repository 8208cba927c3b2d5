import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkAnchors, readAnchors } from './audit-anchors';

/**
 * The audit log's hash chain, checked from outside the database (ADR 0012). The
 * database links each row at commit (migration AuditChain); this module recomputes
 * every link, so a row changed, removed or inserted behind the application's back
 * breaks the chain at that row.
 */

/** An audit row's fields in chain order: id, time (µs since 1970), municipality, user, role, action, citizen, referral, purpose, request. */
export type AuditChainFields = readonly (string | null)[];

/** The same text as SQL's `audit_canonical`: each field as N, or S<bytes>:<text>. */
export function canonicalAuditRow(fields: AuditChainFields): string {
  return fields.map((f) => (f === null ? 'N' : `S${Buffer.byteLength(f, 'utf8')}:${f}`)).join('');
}

export function chainLink(previous: Buffer, fields: AuditChainFields): Buffer {
  return createHash('sha256').update(previous).update(canonicalAuditRow(fields), 'utf8').digest();
}

export interface ChainBreak {
  municipalityId: string;
  seq: string | null;
  auditId: string | null;
  problem: string;
}

export interface ChainReport {
  municipalities: number;
  rows: number;
  /** Anchors read from the anchor directory and checked against the chain (ADR 0017); null when none is configured. */
  anchors: number | null;
  /** Breaks found; rows missing from the chain are listed up to 100 and counted in `unchained`. */
  breaks: ChainBreak[];
  unchained: number;
}

interface LinkRow {
  seq: string;
  hash: Buffer;
  audit_id: string;
  fields: (string | null)[] | null;
}

const BATCH = 5000;

/**
 * Walks every municipality's chain in order and reports each place it does not hold;
 * with `anchorDir`, also where the chain disagrees with the heads anchored outside the
 * database (an anchored row changed, the chain cut back behind an anchor).
 */
export async function verifyAuditChain(ds: DataSource, opts: { anchorDir?: string } = {}): Promise<ChainReport> {
  const report: ChainReport = { municipalities: 0, rows: 0, anchors: null, breaks: [], unchained: 0 };
  const heads: { municipality_id: string; seq: string; hash: Buffer }[] = await ds.query(
    'SELECT municipality_id, seq::text AS seq, hash FROM audit_chain_head ORDER BY municipality_id',
  );
  for (const head of heads) {
    report.municipalities++;
    const broken = (seq: string | null, auditId: string | null, problem: string) =>
      report.breaks.push({ municipalityId: head.municipality_id, seq, auditId, problem });
    let previous: Buffer = Buffer.alloc(0);
    let expectedSeq = 1n;
    for (;;) {
      // The LEFT JOIN keeps a link whose audit row has gone, so that shows as a break too.
      const links: LinkRow[] = await ds.query(
        `SELECT c.seq::text AS seq, c.hash, c.audit_id::text AS audit_id,
                CASE WHEN a.id IS NULL THEN NULL ELSE ARRAY[
                  a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text, a.municipality_id::text, a.user_id::text,
                  a.role, a.action, a.citizen_id::text, a.referral_id::text, a.purpose, a.request_id] END AS fields
           FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.audit_id
          WHERE c.municipality_id = $1 AND c.seq >= $2 ORDER BY c.seq LIMIT $3`,
        [head.municipality_id, expectedSeq.toString(), BATCH],
      );
      for (const link of links) {
        report.rows++;
        if (BigInt(link.seq) !== expectedSeq) broken(link.seq, link.audit_id, `sequence jumps from ${expectedSeq - 1n} to ${link.seq}`);
        expectedSeq = BigInt(link.seq) + 1n;
        if (!link.fields) {
          broken(link.seq, link.audit_id, 'the audit row is missing');
        } else if (link.fields[2] !== head.municipality_id) {
          broken(link.seq, link.audit_id, 'the audit row names another municipality');
        } else if (!chainLink(previous, link.fields).equals(link.hash)) {
          broken(link.seq, link.audit_id, 'the audit row or the link before it was changed');
        }
        previous = link.hash;
      }
      if (links.length < BATCH) break;
    }
    if (BigInt(head.seq) !== expectedSeq - 1n || !previous.equals(head.hash)) {
      broken(head.seq, null, `the chain ends at ${expectedSeq - 1n} but its head is at ${head.seq}`);
    }
  }
  const unchained: { id: string; municipality_id: string }[] = await ds.query(
    `SELECT a.id::text AS id, a.municipality_id FROM audit_log a
      WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id) ORDER BY a.id LIMIT 100`,
  );
  for (const row of unchained) {
    report.breaks.push({ municipalityId: row.municipality_id, seq: null, auditId: row.id, problem: 'the audit row is not in the chain' });
  }
  if (unchained.length === 100) {
    const [{ n }]: { n: number }[] = await ds.query(
      'SELECT count(*)::int AS n FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)',
    );
    report.unchained = n;
  } else {
    report.unchained = unchained.length;
  }
  if (opts.anchorDir) {
    const { anchors, problems } = await readAnchors(opts.anchorDir);
    report.anchors = anchors.length;
    for (const problem of problems) report.breaks.push({ municipalityId: '-', seq: null, auditId: null, problem });
    report.breaks.push(...(await checkAnchors(ds, anchors)));
  }
  return report;
}
