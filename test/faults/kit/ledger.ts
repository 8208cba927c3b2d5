import type { Pool } from 'pg';
import type { RedisReader } from './services';

/**
 * The ledger of reliability.md, computed from the database (and, for deliveries, from
 * the job hashes Redis still holds): what went in against what came out.
 */
export interface Ledger {
  acknowledged: number;
  /** Acknowledged but without rows, or still `submitted` (never routed) and not flagged as needing attention. */
  lost: number;
  /** Still `submitted`, flagged for coordinators after a job's last attempt failed: not silent, so not lost. */
  needsAttention: number;
  missingRows: number;
  routed: number;
  duplicateEffects: {
    assignments: number;
    capacity: number;
    milestones: number;
    statusChanges: number;
    followUps: number;
  };
  /** Outbox rows whose job has not completed: work not yet done. */
  outboxNotDone: number;
  /** For each outbox row not done: its job name and what Redis says of its job. */
  notDone: string[];
  /** Outbox jobs still in Redis that were started more than once (allowed: handlers are idempotent). */
  duplicateDeliveries: number;
  /** Fault over → the last acknowledged referral routed (ms; negative: all routed before it ended). */
  timeToRecoverMs: number | null;
}

export function totalDuplicateEffects(l: Ledger): number {
  return Object.values(l.duplicateEffects).reduce((a, b) => a + b, 0);
}

const n = async (db: Pool, sql: string, params: unknown[]): Promise<number> => Number((await db.query(sql, params)).rows[0].n);

export async function computeLedger(
  db: Pool,
  municipalityId: string,
  acknowledged: readonly string[],
  opts: { faultEndedAt?: number; redis?: RedisReader; prefix?: string } = {},
): Promise<Ledger> {
  const ids = [...acknowledged];
  const present = await n(db, 'SELECT count(*) AS n FROM referral WHERE id = ANY($1)', [ids]);
  const submitted = await n(
    db,
    "SELECT count(*) AS n FROM referral WHERE id = ANY($1) AND status = 'submitted' AND needs_attention IS NULL",
    [ids],
  );
  const routed = await n(db, "SELECT count(*) AS n FROM referral WHERE id = ANY($1) AND status <> 'submitted'", [ids]);
  const needsAttention = await n(db, 'SELECT count(*) AS n FROM referral WHERE id = ANY($1) AND needs_attention IS NOT NULL', [ids]);
  const missingRows = ids.length - present;
  const duplicateEffects = {
    assignments: await n(
      db,
      'SELECT count(*) AS n FROM (SELECT referral_id FROM referral_assignment WHERE referral_id = ANY($1) GROUP BY referral_id HAVING count(*) > 1) d',
      [ids],
    ),
    capacity: await n(
      db,
      `SELECT count(*) AS n FROM brobygger b WHERE b.municipality_id = $1 AND b.active_cases <>
         (SELECT count(*) FROM referral_assignment a WHERE a.brobygger_id = b.id AND a.released_at IS NULL)`,
      [municipalityId],
    ),
    milestones: await n(
      db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM message WHERE municipality_id = $1 AND kind = 'referrer_milestone'
         GROUP BY recipient_id, referral_id, body->>'milestone' HAVING count(*) > 1) d`,
      [municipalityId],
    ),
    statusChanges: await n(
      db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM referral_status_change WHERE referral_id = ANY($1)
         GROUP BY referral_id, from_status, to_status HAVING count(*) > 1) d`,
      [ids],
    ),
    followUps: await n(
      db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM follow_up WHERE referral_id = ANY($1) AND kind <> 'custom'
         GROUP BY referral_id, kind HAVING count(*) > 1) d`,
      [ids],
    ),
  };
  const outboxNotDone = await n(db, 'SELECT count(*) AS n FROM outbox WHERE municipality_id = $1 AND done_at IS NULL', [municipalityId]);

  const notDone: string[] = [];
  if (outboxNotDone > 0 && opts.redis && opts.prefix) {
    const rows = (
      await db.query<{ id: string; job_name: string; relayed: boolean }>(
        'SELECT id, job_name, relayed_at IS NOT NULL AS relayed FROM outbox WHERE municipality_id = $1 AND done_at IS NULL LIMIT 10',
        [municipalityId],
      )
    ).rows;
    await opts.redis
      .with(async (r) => {
        for (const row of rows) {
          const h = await r.hgetall(`${opts.prefix}:${row.job_name.split('.')[0]}:${row.id}`);
          notDone.push(
            `${row.job_name} relayed=${row.relayed} redis=${h.finishedOn ? (h.failedReason ? `failed(${h.failedReason})` : 'completed') : Object.keys(h).length ? `pending(ats=${h.ats},stc=${h.stc},atm=${h.atm})` : 'absent'}`,
          );
        }
      })
      .catch(() => undefined);
  }

  let duplicateDeliveries = 0;
  if (opts.redis && opts.prefix) {
    const rows = (
      await db.query<{ id: string; job_name: string }>('SELECT id, job_name FROM outbox WHERE municipality_id = $1', [municipalityId])
    ).rows;
    duplicateDeliveries = await opts.redis
      .with(async (r) => {
        let extra = 0;
        for (const row of rows) {
          const started = Number((await r.hget(`${opts.prefix}:${row.job_name.split('.')[0]}:${row.id}`, 'ats')) ?? 0);
          if (started > 1) extra += started - 1;
        }
        return extra;
      })
      .catch(() => -1);
  }

  let timeToRecoverMs: number | null = null;
  if (opts.faultEndedAt !== undefined && submitted === 0 && missingRows === 0 && ids.length > 0) {
    const last = (
      await db.query<{ at: Date }>(
        `SELECT max(first_out) AS at FROM (SELECT min(at) AS first_out FROM referral_status_change
           WHERE referral_id = ANY($1) AND from_status = 'submitted' GROUP BY referral_id) t`,
        [ids],
      )
    ).rows[0].at;
    timeToRecoverMs = last ? last.getTime() - opts.faultEndedAt : null;
  }

  return {
    acknowledged: ids.length,
    lost: missingRows + submitted,
    needsAttention,
    missingRows,
    routed,
    duplicateEffects,
    outboxNotDone,
    notDone,
    duplicateDeliveries,
    timeToRecoverMs,
  };
}

export function printLedger(title: string, ledger: Ledger, extra: Record<string, unknown> = {}): void {
  const lines = [
    `── ledger: ${title}`,
    `   acknowledged ${ledger.acknowledged}  routed ${ledger.routed}  lost ${ledger.lost} (missing rows ${ledger.missingRows})  needs attention ${ledger.needsAttention}`,
    `   duplicate effects ${totalDuplicateEffects(ledger)} ${JSON.stringify(ledger.duplicateEffects)}`,
    `   outbox not done ${ledger.outboxNotDone}  duplicate deliveries ${ledger.duplicateDeliveries}  time to recover ${ledger.timeToRecoverMs ?? '—'} ms`,
    ...ledger.notDone.map((d) => `   not done: ${d}`),
    ...Object.entries(extra).map(([k, v]) => `   ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
