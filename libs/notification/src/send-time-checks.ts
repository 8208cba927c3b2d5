import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Why a queued message was not sent after all: the decision that allowed it, asked
 * again at send time, no longer does. Codes only — the ledger keeps no personal data.
 */
export type WithheldReason = 'missing' | 'consent_withdrawn' | 'erased' | 'restricted' | 'not_disclosed' | 'case_closed' | 'revoked';

/** A stored message as its send-time check sees it: ids and the body of ids the sender wrote. */
export interface QueuedMessage {
  id: string;
  municipalityId: string;
  kind: string;
  referralId: string | null;
  recipientId: string | null;
  body: Record<string, unknown>;
}

export type SendTimeCheck = (m: EntityManager, message: QueuedMessage) => Promise<WithheldReason | null>;

/**
 * The disclosure decision, again, for each send attempt (first and every retry). A
 * message is queued under the consent in force then; the mail server or SMS gateway may
 * take it minutes or hours later, after the citizen withdrew consent, lowered the GP's
 * feedback level or the case was erased or restricted. The lib that decided to send a
 * kind of message registers the same decision here, and `MessagesService.deliver` asks
 * it before every attempt: a message no longer allowed is `withheld` with a reason code.
 */
@Injectable()
export class SendTimeChecks {
  private readonly checks = new Map<string, SendTimeCheck>();

  register(kind: string, check: SendTimeCheck): void {
    this.checks.set(kind, check);
  }

  /** Null: send it (no check for this kind, or the check still allows it). */
  async withheld(m: EntityManager, message: QueuedMessage): Promise<WithheldReason | null> {
    const check = this.checks.get(message.kind);
    return check ? check(m, message) : null;
  }
}
