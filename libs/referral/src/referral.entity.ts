import type { ReferralStatus } from '@bro/case-kernel';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A social henvisning: the case of one citizen. */
@Entity('referral')
export class Referral {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'citizen_id' }) citizenId: string;
  @Column('uuid', { name: 'referrer_id' }) referrerId: string;
  @Column('text', { name: 'referrer_organisation', nullable: true }) referrerOrganisation: string | null;
  @Column('text') status: ReferralStatus;
  @Column('text', { array: true }) reasons: string[];
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'area_id', nullable: true }) areaId: string | null;
  @Column('boolean', { name: 'area_overridden' }) areaOverridden: boolean;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId: string | null;
  @Column('uuid', { name: 'previous_assignee_id', nullable: true }) previousAssigneeId: string | null;
  @Column('text', { name: 'unassigned_reason', nullable: true }) unassignedReason: string | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('text', { nullable: true }) summary: string | null;
  @Column('boolean', { name: 'summary_approved' }) summaryApproved: boolean;
  /** Set when background work on the case failed for good; shown to coordinators. */
  @Column('text', { name: 'needs_attention', nullable: true }) needsAttention: string | null;
  /** Three unanswered contact attempts over at least five working days: consider closing as unreachable. */
  @Column('boolean', { name: 'consider_unreachable' }) considerUnreachable: boolean;
  @Column('jsonb', { name: 'other_contacts' }) otherContacts: { service: string; person?: string; phone?: string }[];
  @Column('text', { name: 'responsible_contact', nullable: true }) responsibleContact: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  /** Kept under the record-keeping rule after consent was withdrawn: coordinators only, each read with a reason. */
  @Column('timestamptz', { name: 'restricted_at', nullable: true }) restrictedAt: Date | null;
  /** When the case's personal data was erased (withdrawal or retention); ids, dates and statuses stay. */
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt: Date | null;
  /** Another clinic's referral of a citizen with an open case (ADR 0014): that case. */
  @Column('uuid', { name: 'duplicate_of', nullable: true }) duplicateOf: string | null;
  @Column('text', { name: 'duplicate_decision', nullable: true }) duplicateDecision: 'confirmed' | 'rejected' | null;
  @Column('uuid', { name: 'duplicate_decided_by', nullable: true }) duplicateDecidedBy: string | null;
  @Column('timestamptz', { name: 'duplicate_decided_at', nullable: true }) duplicateDecidedAt: Date | null;
  @Column('text', { name: 'duplicate_note', nullable: true }) duplicateNote: string | null;
}

/** A later referral of a citizen whose case was already open: linked, not duplicated. */
@Entity('referral_link')
export class ReferralLink {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'referral_id' }) referralId: string;
  @Column('uuid', { name: 'referrer_id' }) referrerId: string;
  @Column('text', { name: 'referrer_organisation', nullable: true }) referrerOrganisation: string | null;
  @Column('text', { array: true }) reasons: string[];
  @Column('text', { nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('referral_status_change')
export class ReferralStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'referral_id' }) referralId: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: ReferralStatus | null;
  @Column('text', { name: 'to_status' }) toStatus: ReferralStatus;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('timestamptz') at: Date;
}

/** Who held a case, and when. At most one active (unreleased) row per referral. */
@Entity('referral_assignment')
export class ReferralAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'referral_id' }) referralId: string;
  @Column('uuid', { name: 'brobygger_id' }) brobyggerId: string;
  @Column('text') kind: 'auto' | 'manual';
  @Column('uuid', { name: 'assigned_by', nullable: true }) assignedBy: string | null;
  @Column('timestamptz', { name: 'assigned_at' }) assignedAt: Date;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt: Date | null;
  @Column('text', { name: 'released_reason', nullable: true }) releasedReason: string | null;
}

/**
 * Details of the citizen a later referral gave that differed from those on file ("oplyst
 * af <klinik> <dato>"). Kept beside that referral or link, never written over the
 * citizen, until staff accept (applied, audited) or ignore them. Only differing fields are set.
 */
@Entity('reported_details')
export class ReportedDetails {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'citizen_id' }) citizenId: string;
  /** The referral that brought them: a held or linked referral, or — for a link — the case it joined. */
  @Column('uuid', { name: 'referral_id' }) referralId: string;
  @Column('uuid', { name: 'referral_link_id', nullable: true }) referralLinkId: string | null;
  @Column('uuid', { name: 'referrer_id' }) referrerId: string;
  @Column('text', { name: 'referrer_organisation', nullable: true }) referrerOrganisation: string | null;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt: Date;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) street: string | null;
  @Column('text', { nullable: true }) postcode: string | null;
  @Column('text', { nullable: true }) city: string | null;
  @Column('text', { nullable: true }) language: string | null;
  @Column('jsonb', { name: 'contact_preferences', nullable: true }) contactPreferences: Record<string, unknown> | null;
  @Column('text', { nullable: true }) decision: 'accepted' | 'ignored' | null;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}
