import type { EntityManager } from 'typeorm';
import { JobData, TenantJobName } from './jobs';

/** The channel the relay listens on; PostgreSQL delivers a NOTIFY only when its transaction commits. */
export const OUTBOX_CHANNEL = 'bro_outbox';

/**
 * Writes an outbox row inside the caller's transaction. Nothing touches Redis here:
 * the relay enqueues the job after commit, with the row id as job id. The NOTIFY in
 * the same statement wakes the relay at commit instead of at its next poll.
 */
export async function addToOutbox<N extends TenantJobName>(manager: EntityManager, name: N, data: JobData<N>): Promise<string> {
  const rows: { id: string }[] = await manager.query(
    `WITH row AS (INSERT INTO outbox (municipality_id, job_name, payload) VALUES ($1, $2, $3) RETURNING id)
     SELECT id, pg_notify('${OUTBOX_CHANNEL}', '') FROM row`,
    [data.municipalityId, name, JSON.stringify(data)],
  );
  return rows[0].id;
}
