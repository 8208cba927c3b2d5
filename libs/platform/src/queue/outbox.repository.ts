import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../database/pg-results';
import type { JobData, JobName, TenantJobName } from './jobs';
import { OUTBOX_CHANNEL } from './outbox';

/** An outbox row as the relay moves it onto a queue. */
export interface OutboxRow {
  id: string;
  job_name: JobName;
  payload: Record<string, unknown>;
}

export interface OutboxLag {
  /** Rows written but not yet relayed to a queue. */
  pending: number;
  /** Age of the oldest row not yet relayed (s); 0 when none waits. */
  oldestUnrelayedSeconds: number;
  /** Age of the oldest row whose job has neither completed nor failed for good (s): the outbox lag. */
  oldestUndoneSeconds: number;
}

/**
 * All SQL on `outbox`, the table the platform owns beside `idempotency_key` (ADR 0002,
 * 0022): the relay's claims and marks, and for operations how far behind the relay and
 * the workers are. (`addToOutbox` writes the row in the caller's transaction.)
 */
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Three index-only reads (outbox_pending, outbox_undone): cheap enough for every scrape. */
  async lag(): Promise<OutboxLag> {
    const [row]: { pending: string; unrelayed: number | null; undone: number | null }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL) AS pending,
              (SELECT extract(epoch FROM clock_timestamp() - min(created_at))::float8 FROM outbox WHERE relayed_at IS NULL) AS unrelayed,
              (SELECT extract(epoch FROM clock_timestamp() - min(created_at))::float8 FROM outbox
                WHERE done_at IS NULL AND failed_at IS NULL) AS undone`,
    );
    return {
      pending: Number(row.pending),
      oldestUnrelayedSeconds: Math.max(0, row.unrelayed ?? 0),
      oldestUndoneSeconds: Math.max(0, row.undone ?? 0),
    };
  }

  /** Claims up to `limit` unrelayed rows of these jobs, oldest first (rows another relay holds are skipped). */
  async claimUnrelayed(m: EntityManager, limit: number, jobNames: readonly string[]): Promise<OutboxRow[]> {
    return m.query(
      `SELECT id, job_name, payload FROM outbox
        WHERE relayed_at IS NULL AND job_name = ANY($2)
        ORDER BY created_at LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit, jobNames],
    );
  }

  /** This relay is busy until `ms` from now (ADR 0042): the writers send no NOTIFY meanwhile. */
  async holdLease(relayId: string, ms: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO outbox_relay_lease (relay_id, awake_until) VALUES ($1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (relay_id) DO UPDATE SET awake_until = excluded.awake_until`,
      [relayId, ms],
    );
  }

  /** This relay sleeps again: the writers wake it (and the others) by NOTIFY. A relay's lease left by a crash just runs out. */
  async releaseLease(relayId: string): Promise<void> {
    await this.dataSource.query(
      "DELETE FROM outbox_relay_lease WHERE relay_id = $1 OR awake_until < clock_timestamp() - interval '1 hour'",
      [relayId],
    );
  }

  async markRelayed(m: EntityManager, ids: readonly string[]): Promise<void> {
    await m.query('UPDATE outbox SET relayed_at = clock_timestamp() WHERE id = ANY($1)', [ids]);
  }

  async markDone(ids: readonly string[]): Promise<void> {
    await this.dataSource.query('UPDATE outbox SET done_at = clock_timestamp() WHERE id = ANY($1) AND done_at IS NULL', [ids]);
  }

  async markFailed(ids: readonly string[]): Promise<void> {
    await this.dataSource.query(
      'UPDATE outbox SET failed_at = clock_timestamp() WHERE id = ANY($1) AND done_at IS NULL AND failed_at IS NULL',
      [ids],
    );
  }

  /** Puts rows back in line for the relay. */
  async markUnrelayed(ids: readonly string[]): Promise<void> {
    await this.dataSource.query('UPDATE outbox SET relayed_at = NULL WHERE id = ANY($1) AND done_at IS NULL', [ids]);
  }

  /** Rows relayed more than `olderThanMs` ago (and within the last day) whose job is neither done nor failed. */
  async relayedNotDone(olderThanMs: number, jobNames: readonly string[]): Promise<OutboxRow[]> {
    return this.dataSource.query(
      `SELECT id, job_name, payload FROM outbox
        WHERE relayed_at IS NOT NULL AND done_at IS NULL AND failed_at IS NULL
          AND relayed_at < now() - make_interval(secs => $1::double precision / 1000) AND relayed_at > now() - interval '1 day'
          AND job_name = ANY($2)
        ORDER BY relayed_at LIMIT 500`,
      [olderThanMs, jobNames],
    );
  }

  /** Deletes up to `limit` rows whose job completed more than `days` ago; how many went. */
  async pruneBatch(days: number, limit: number): Promise<number> {
    return returnedRows(
      await this.dataSource.query(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox WHERE done_at < now() - make_interval(days => $1) LIMIT $2) RETURNING id`,
        [days, limit],
      ),
    ).length;
  }
}

/**
 * The NOTIFY that wakes a sleeping relay at commit, sent only when no relay holds a live
 * lease (ADR 0042): a busy relay looks again within milliseconds, and a NOTIFY makes its
 * transaction wait for a cluster-wide lock at commit. An uncorrelated subquery: evaluated
 * once per statement, however many rows it writes.
 */
const WAKE_A_SLEEPING_RELAY = `(SELECT pg_notify('${OUTBOX_CHANNEL}', '')
  WHERE NOT EXISTS (SELECT 1 FROM outbox_relay_lease WHERE awake_until > statement_timestamp()))`;

/**
 * Writes an outbox row inside the caller's transaction. Nothing touches Redis here:
 * the relay enqueues the job after commit, with the row id as job id. A NOTIFY in the
 * same statement wakes a sleeping relay at commit instead of at its next poll.
 */
export async function addToOutbox<N extends TenantJobName>(manager: EntityManager, name: N, data: JobData<N>): Promise<string> {
  const rows: { id: string }[] = await manager.query(
    `WITH row AS (INSERT INTO outbox (municipality_id, job_name, payload) VALUES ($1, $2, $3) RETURNING id)
     SELECT id, ${WAKE_A_SLEEPING_RELAY} FROM row`,
    [data.municipalityId, name, JSON.stringify(data)],
  );
  return rows[0].id;
}

/** One job for `addAllToOutbox`: its name and payload, typed together. */
export type OutboxJob = { [N in TenantJobName]: { name: N; data: JobData<N> } }[TenantJobName];

/**
 * Writes several outbox rows in one statement (one round trip, at most one NOTIFY), inside the
 * caller's transaction; their ids. Otherwise as `addToOutbox`.
 */
export async function addAllToOutbox(manager: EntityManager, jobs: readonly OutboxJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    `WITH row AS (INSERT INTO outbox (municipality_id, job_name, payload)
       VALUES ${jobs.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ')} RETURNING id)
     SELECT id, ${WAKE_A_SLEEPING_RELAY} FROM row`,
    jobs.flatMap((j) => [j.data.municipalityId, j.name, JSON.stringify(j.data)]),
  );
  return rows.map((r) => r.id);
}
