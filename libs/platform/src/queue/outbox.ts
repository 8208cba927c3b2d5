import type { EntityManager } from 'typeorm';
import { JobData, TenantJobName } from './jobs';

/**
 * Writes an outbox row inside the caller's transaction. Nothing touches Redis here:
 * the relay enqueues the job after commit, with the row id as job id.
 */
export async function addToOutbox<N extends TenantJobName>(manager: EntityManager, name: N, data: JobData<N>): Promise<string> {
  const rows: { id: string }[] = await manager.query(
    'INSERT INTO outbox (municipality_id, job_name, payload) VALUES ($1, $2, $3) RETURNING id',
    [data.municipalityId, name, JSON.stringify(data)],
  );
  return rows[0].id;
}
