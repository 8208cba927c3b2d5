import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
