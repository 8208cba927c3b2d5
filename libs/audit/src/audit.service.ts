import { Injectable } from '@nestjs/common';
import { NotFoundError, Page, PageQuery } from '@bro/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository } from './audit.repository';

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

/**
 * The one way to write the audit log. Takes the caller's EntityManager so the row
 * commits (or rolls back) with the access or change it records.
 */
@Injectable()
export class AuditService {
  private readonly log: AuditRepository;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.log = new AuditRepository(dataSource);
  }

  /**
   * `GET /v1/citizens/:id/access-log`: who read or changed this citizen's data, newest
   * first — what the citizen would be told on request. Reading it is itself recorded.
   * A citizen of another municipality has no entries here: 404.
   */
  async accessLog(actor: AuditActor & { userId: string }, citizenId: string, page: PageQuery): Promise<Page<unknown>> {
    return this.dataSource.transaction(async (m) => {
      const total = await this.log.countAbout(m, actor.municipalityId, citizenId);
      if (total === 0) throw new NotFoundError('Citizen not found');
      const items = await this.log.pageAbout(m, actor.municipalityId, citizenId, page.limit, page.offset);
      await this.record(m, actor, [{ action: 'citizen.access-log', citizenId, purpose: 'right_of_access' }]);
      return { items, total };
    });
  }

  /** Every entry about one citizen, oldest first (for the right-of-access export). */
  async entriesOf(municipalityId: string, citizenId: string): Promise<unknown[]> {
    return this.log.allAbout(municipalityId, citizenId);
  }

  /**
   * A list page that showed these cases: one row naming them all (ADR 0037), where ADR
   * 0005 first wrote one per case — each row is linked into the municipality's hash chain
   * by its own trigger call, which was most of a page's time at scale. A page of one case
   * is the row it always was (`citizen_id`, `referral_id`); a case shown twice (two of its
   * follow-ups) is named once. The access log and the export find the row under each of
   * the page's citizens, with that citizen's case.
   */
  async recordListing(
    manager: EntityManager,
    actor: AuditActor,
    action: string,
    cases: readonly { citizenId: string; referralId: string }[],
  ): Promise<void> {
    const shown = [...new Map(cases.map((c) => [c.referralId, c])).values()];
    if (shown.length <= 1)
      return this.record(
        manager,
        actor,
        shown.map((c) => ({ action, ...c })),
      );
    await this.log.insertListing(
      manager,
      { municipalityId: actor.municipalityId, userId: actor.userId, role: actor.role, action, requestId: actor.requestId ?? null },
      shown.map((c) => c.citizenId),
      shown.map((c) => c.referralId),
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
    await this.log.insertEntries(manager, values, events.length);
  }
}
