import { Injectable } from '@nestjs/common';
import { NotFoundError, Page, PageQuery } from '@bro/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Who did it: a signed-in user (an Actor), or the system acting on a job. */
export interface AuditActor {
  municipalityId: string;
  userId: string | null;
  role: string;
  requestId?: string;
}

/** The actor for work the worker does on its own (matching, sweeps). */
export function systemActor(municipalityId: string, requestId?: string): AuditActor {
  return { municipalityId, userId: null, role: 'system', requestId };
}

export interface AuditEvent {
  action: string;
  citizenId?: string | null;
  referralId?: string | null;
  purpose?: string;
}

const COLUMNS = ['municipality_id', 'user_id', 'role', 'action', 'citizen_id', 'referral_id', 'purpose', 'request_id'];

/**
 * The one way to write the audit log. Takes the caller's EntityManager so the row
 * commits (or rolls back) with the access or change it records.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `GET /v1/citizens/:id/access-log`: who read or changed this citizen's data, newest
   * first — what the citizen would be told on request. Reading it is itself recorded.
   * A citizen of another municipality has no entries here: 404.
   */
  async accessLog(actor: AuditActor & { userId: string }, citizenId: string, page: PageQuery): Promise<Page<unknown>> {
    return this.dataSource.transaction(async (m) => {
      const [{ total }]: { total: number }[] = await m.query(
        'SELECT count(*)::int AS total FROM audit_log WHERE citizen_id = $1 AND municipality_id = $2',
        [citizenId, actor.municipalityId],
      );
      if (total === 0) throw new NotFoundError('Citizen not found');
      const items: unknown[] = await m.query(
        `SELECT at, user_id AS "userId", role, action, referral_id AS "referralId", purpose
           FROM audit_log WHERE citizen_id = $1 AND municipality_id = $2 ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4`,
        [citizenId, actor.municipalityId, page.limit, page.offset],
      );
      await this.record(m, actor, [{ action: 'citizen.access-log', citizenId, purpose: 'right_of_access' }]);
      return { items, total };
    });
  }

  /** Every entry about one citizen, oldest first (for the right-of-access export). */
  async entriesOf(municipalityId: string, citizenId: string): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT at, user_id AS "userId", role, action, referral_id AS "referralId", purpose
         FROM audit_log WHERE citizen_id = $1 AND municipality_id = $2 ORDER BY at, id`,
      [citizenId, municipalityId],
    );
  }

  async record(manager: EntityManager, actor: AuditActor, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values = events.flatMap((e) => [
      actor.municipalityId,
      actor.userId,
      actor.role,
      e.action,
      e.citizenId ?? null,
      e.referralId ?? null,
      e.purpose ?? null,
      actor.requestId ?? null,
    ]);
    const rows = events.map((_, i) => `(${COLUMNS.map((__, c) => `$${i * COLUMNS.length + c + 1}`).join(', ')})`);
    await manager.query(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, values);
  }
}
