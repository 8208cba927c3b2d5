import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@bro/audit';
import { LIFECYCLE, MILESTONE_OF_STATUS, type ReferralStatus } from '@bro/case-kernel';
import { addAllToOutbox } from '@bro/platform';
import type { EntityManager } from 'typeorm';
import type { LockedReferral } from './case-lock';
import { assertTransition } from './referral-status';
import { ReferralRepository, type ReferrerRef } from './referral.repository';

/**
 * Ends one module's open work on a case that has just closed (cancelled, completed,
 * rejected), in the transaction that closes it — so no open work is left behind while
 * a job for the case is still queued or running.
 */
export type CaseCloser = (m: EntityManager, referralId: string, status: ReferralStatus) => Promise<void>;

/** What a new referral is born with (its status is the lifecycle's to set). */
export interface NewReferral {
  municipalityId: string;
  citizenId: string;
  referrer: ReferrerRef;
  reasons: string[];
  note: string | null;
  duplicateOf: string | null;
}

/**
 * The one writer of `referral.status` and of its history (ADR 0020). Intake (the first
 * status), assignment (hand-over, the waiting queue), duplicate decisions and casework
 * all move a case through here, so every change — the first one included — is checked
 * against the transition table of the case kernel (409 naming the current status),
 * recorded in `referral_status_change` and announced, in the caller's transaction.
 */
@Injectable()
export class CaseLifecycle {
  private readonly closers: CaseCloser[] = [];

  constructor(private readonly repository: ReferralRepository) {}

  /** Modules above referral register the open work they keep for a case, so closing it ends that work at once. */
  registerCloser(closer: CaseCloser): void {
    this.closers.push(closer);
  }

  /** A new referral with its first status (`submitted`, or `possible_duplicate`) and the first row of its history. */
  async open(
    m: EntityManager,
    actor: AuditActor,
    referral: NewReferral,
    status: 'submitted' | 'possible_duplicate' | 'awaiting_consent',
  ): Promise<{ id: string; createdAt: Date }> {
    assertTransition(null, status);
    return this.repository.insertReferral(m, { ...referral, status }, actor.userId);
  }

  /**
   * Moves a locked case to `to` (409 if the table forbids it), with history. Unless
   * `quiet` (a case left waiting in the queue: nothing hangs on that), closing ends the
   * open work of the modules above, follow-ups are brought in line and the referrer's
   * milestone is announced.
   */
  async transition(
    m: EntityManager,
    actor: AuditActor,
    r: LockedReferral,
    to: ReferralStatus,
    reason: string | null = null,
    options: { quiet?: boolean } = {},
  ): Promise<void> {
    assertTransition(r.status, to);
    await this.repository.recordStatus(m, {
      municipalityId: r.municipality_id,
      referralId: r.id,
      from: r.status,
      to,
      closes: LIFECYCLE[to].closed,
      actorId: actor.userId,
      reason,
    });
    r.status = to;
    if (options.quiet) return;
    // Closing ends the open work in this transaction, not later in a job that a running
    // job of the case (or forget-case) could hold back; the sync then adds what closing asks for.
    if (LIFECYCLE[to].closed) for (const closer of this.closers) await closer(m, r.id, to);
    // Follow-ups hang on the status: the worker brings them in line. A milestone tells the
    // referrers. Both rows in one statement.
    const milestone = MILESTONE_OF_STATUS[to];
    await addAllToOutbox(m, [
      { name: 'follow-up.sync', data: { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 } },
      ...(milestone
        ? [
            {
              name: 'notification.referrer-milestone' as const,
              data: { referralId: r.id, milestone, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 as const },
            },
          ]
        : []),
    ]);
  }
}
