import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkAnchors, readAnchors } from './audit-anchors';
import { AuditRepository } from './audit.repository';

/**
 * The audit log's hash chain, checked from outside the database (ADR 0012). The
 * worker's linker links each row just after its commit (ADR 0042); this module recomputes
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
  /** Rows written moments ago that the linker has not taken yet (ADR 0042): not breaks. */
  pending: number;
}

const BATCH = 5000;

/**
 * Walks every municipality's chain in order and reports each place it does not hold;
 * with `anchorDir`, also where the chain disagrees with the heads anchored outside the
 * database (an anchored row changed, the chain cut back behind an anchor).
 *
 * Everything is read in one REPEATABLE READ snapshot: the linker keeps adding links
 * meanwhile (ADR 0042), and within the snapshot each chain ends exactly at its head, so a
 * link past the head (forged, the head left alone) is a break like any other. The anchors
 * are read first, so each one was written before the snapshot and names a head it holds.
 */
export async function verifyAuditChain(ds: DataSource, opts: { anchorDir?: string } = {}): Promise<ChainReport> {
  const anchored = opts.anchorDir ? await readAnchors(opts.anchorDir) : null;
  return AuditRepository.inSnapshot(ds, async (audit, m) => {
    const report = await walkChains(audit);
    if (anchored) {
      report.anchors = anchored.anchors.length;
      for (const problem of anchored.problems) report.breaks.push({ municipalityId: '-', seq: null, auditId: null, problem });
      report.breaks.push(...(await checkAnchors(m, anchored.anchors)));
    }
    return report;
  });
}

async function walkChains(audit: AuditRepository): Promise<ChainReport> {
  const report: ChainReport = { municipalities: 0, rows: 0, anchors: null, breaks: [], unchained: 0, pending: 0 };
  const heads = await audit.chainHeadRows();
  for (const head of heads) {
    report.municipalities++;
    const broken = (seq: string | null, auditId: string | null, problem: string) =>
      report.breaks.push({ municipalityId: head.municipality_id, seq, auditId, problem });
    let previous: Buffer = Buffer.alloc(0);
    let expectedSeq = 1n;
    for (;;) {
      // The LEFT JOIN keeps a link whose audit row has gone, so that shows as a break too.
      const links = await audit.linksFrom(head.municipality_id, expectedSeq.toString(), BATCH);
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
  const unchained = await audit.unchained(100);
  for (const row of unchained) {
    report.breaks.push({ municipalityId: row.municipality_id, seq: null, auditId: row.id, problem: 'the audit row is not in the chain' });
  }
  report.pending = await audit.pendingCount();
  report.unchained = unchained.length === 100 ? await audit.unchainedCount() : unchained.length;
  return report;
}
