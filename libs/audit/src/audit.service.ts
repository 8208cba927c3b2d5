import { Injectable } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import { EntityManager } from 'typeorm';

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
  async record(manager: EntityManager, actor: Actor, events: AuditEvent[]): Promise<void> {
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
