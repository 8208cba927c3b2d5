import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Clock } from '@bro/platform';
import type { ChainBreak } from './audit-chain';
import { AuditRepository, type AuditReader } from './audit.repository';
import { linkPendingAudit } from './audit-chain-linker';

/**
 * Anchors of the audit chain outside the database (ADR 0017). Someone able to rewrite
 * the audit rows *and* every later link and head could forge a chain that checks out
 * inside PostgreSQL (ADR 0012); a head written somewhere they cannot reach — an
 * append-only directory, shipped to the municipality's archive — pins the chain as it
 * was. `audit:verify` then finds an anchored row changed, or the chain cut back behind
 * an anchor.
 *
 * One JSON line per anchor: `{"at","municipalityId","seq","auditId","hash"}` (hash in
 * hex), appended to `audit-anchors-YYYY-MM.jsonl` (UTC month) and synced to disk, file
 * and directory, before the run counts as done.
 */
export interface AuditAnchor {
  at: string;
  municipalityId: string;
  seq: string;
  auditId: string;
  hash: string;
}

const FILE = /^audit-anchors-\d{4}-\d{2}\.jsonl$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A head unchanged for this long is anchored again, so every municipality has a line at least daily. */
const REANCHOR_AFTER_MS = 24 * 3_600_000;

export function anchorFileName(at: Date): string {
  return `audit-anchors-${at.toISOString().slice(0, 7)}.jsonl`;
}

function isAnchor(v: unknown): v is AuditAnchor {
  const a = v as Partial<Record<keyof AuditAnchor, unknown>> | null;
  return (
    !!a &&
    typeof a.at === 'string' &&
    !Number.isNaN(Date.parse(a.at)) &&
    typeof a.municipalityId === 'string' &&
    UUID.test(a.municipalityId) &&
    typeof a.seq === 'string' &&
    /^[1-9]\d{0,18}$/.test(a.seq) &&
    typeof a.auditId === 'string' &&
    /^\d{1,19}$/.test(a.auditId) &&
    typeof a.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(a.hash)
  );
}

/** Parses one anchor file; a line that is not an anchor is a problem (the anchor store was tampered with or torn). */
export function parseAnchors(text: string, file: string): { anchors: AuditAnchor[]; problems: string[] } {
  const anchors: AuditAnchor[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = null;
    }
    if (isAnchor(value)) anchors.push(value);
    else problems.push(`${file} line ${i + 1} is not an anchor`);
  });
  return { anchors, problems };
}

/** Every anchor in the directory, oldest file first; a missing directory holds none. */
export async function readAnchors(dir: string): Promise<{ anchors: AuditAnchor[]; problems: string[] }> {
  const files = (await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err))))
    .filter((f) => FILE.test(f))
    .sort();
  const result = { anchors: [] as AuditAnchor[], problems: [] as string[] };
  for (const file of files) {
    const { anchors, problems } = parseAnchors(await readFile(join(dir, file), 'utf8'), file);
    result.anchors.push(...anchors);
    result.problems.push(...problems);
  }
  return result;
}

/**
 * Appends the lines in one write to the month's file (O_APPEND: concurrent writers
 * cannot overwrite each other), then fsyncs the file and the directory (a new file's
 * name is only durable once its directory is synced).
 */
export async function appendAnchors(dir: string, anchors: readonly AuditAnchor[], at: Date): Promise<string> {
  const file = join(dir, anchorFileName(at));
  if (anchors.length === 0) return file;
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const fh = await open(file, 'a', 0o640);
  try {
    await fh.write(anchors.map((a) => `${JSON.stringify(a)}\n`).join(''));
    await fh.sync();
  } finally {
    await fh.close();
  }
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
  return file;
}

/**
 * Writes an anchor for each municipality whose head moved since its last anchor, or
 * whose last anchor is a day old; `force` anchors every head (on demand). Returns
 * what was written and where.
 */
export async function anchorAuditChain(
  ds: DataSource,
  dir: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<{ written: AuditAnchor[]; file: string }> {
  // The CLI runs without Nest: the platform's clock, made here.
  const now = opts.now ?? new Clock().now();
  const { anchors: previous } = await readAnchors(dir);
  const last = new Map<string, AuditAnchor>();
  for (const a of previous) {
    const seen = last.get(a.municipalityId);
    if (!seen || BigInt(a.seq) > BigInt(seen.seq) || (a.seq === seen.seq && a.at > seen.at)) last.set(a.municipalityId, a);
  }
  // Rows written before the anchor are in it (ADR 0042: linked after commit, normally within a moment).
  await linkPendingAudit(ds);
  const written: AuditAnchor[] = [];
  for (const head of await new AuditRepository(ds).chainHeads()) {
    if (!head.auditId) continue; // a head without its link: verification reports it; anchoring it would pin the damage
    const anchor: AuditAnchor = {
      at: now.toISOString(),
      municipalityId: head.municipalityId,
      seq: head.seq,
      auditId: head.auditId,
      hash: head.hash.toString('hex'),
    };
    const before = last.get(head.municipalityId);
    const unchanged = before && before.seq === anchor.seq && before.hash === anchor.hash;
    if (!opts.force && unchanged && now.getTime() - Date.parse(before.at) < REANCHOR_AFTER_MS) continue;
    written.push(anchor);
  }
  return { written, file: await appendAnchors(dir, written, now) };
}

/**
 * Checks the chain in the database against the anchors: each anchored row must still
 * be in the chain with the same audit row and hash, and no chain may end before its
 * last anchor (rows after an anchored row removed, the head set back).
 */
export async function checkAnchors(db: AuditReader, anchors: readonly AuditAnchor[]): Promise<ChainBreak[]> {
  const repo = new AuditRepository(db);
  const heads = new Map((await repo.chainHeads()).map((h) => [h.municipalityId, h]));
  const links = new Map((await repo.linksAt(anchors)).map((l) => [`${l.municipalityId}:${l.seq}`, l]));
  const breaks = new Map<string, ChainBreak>(); // one per place and problem: a head re-anchored daily is one place
  const broken = (kind: string, b: ChainBreak) => {
    if (!breaks.has(`${kind}:${b.municipalityId}:${b.seq}`)) breaks.set(`${kind}:${b.municipalityId}:${b.seq}`, b);
  };

  const lastAnchor = new Map<string, AuditAnchor>();
  for (const a of anchors) {
    const seen = lastAnchor.get(a.municipalityId);
    if (!seen || BigInt(a.seq) > BigInt(seen.seq)) lastAnchor.set(a.municipalityId, a);
  }
  for (const [municipalityId, a] of lastAnchor) {
    const head = heads.get(municipalityId);
    if (!head || BigInt(head.seq) < BigInt(a.seq)) {
      broken('truncated', {
        municipalityId,
        seq: head?.seq ?? null,
        auditId: null,
        problem: `truncated: the chain ends at ${head?.seq ?? 'nothing'}, before its anchor at ${a.seq} (audit row ${a.auditId}, anchored ${a.at})`,
      });
    }
  }
  for (const a of anchors) {
    const link = links.get(`${a.municipalityId}:${a.seq}`);
    const head = heads.get(a.municipalityId);
    if (!link) {
      // Past the end of a truncated chain it is reported above, once.
      if (head && BigInt(head.seq) >= BigInt(a.seq)) {
        broken('gone', {
          municipalityId: a.municipalityId,
          seq: a.seq,
          auditId: a.auditId,
          problem: `the anchored row is gone from the chain (anchored ${a.at})`,
        });
      }
    } else if (link.auditId !== a.auditId || link.hash.toString('hex') !== a.hash) {
      broken('changed', {
        municipalityId: a.municipalityId,
        seq: a.seq,
        auditId: link.auditId,
        problem: `the anchored row was changed or replaced since it was anchored (${a.at}; it was audit row ${a.auditId})`,
      });
    }
  }
  return [...breaks.values()];
}
