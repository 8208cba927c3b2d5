import { PublicReferralFacts } from '../public/public.responses';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_ACTIONS, CONSENT_SCOPES, FEEDBACK_LEVELS, type CaseAction, type ConsentScope, type FeedbackLevel } from '@bro/case-kernel';
import { FollowUp } from '../follow-ups/follow-up.responses';

/**
 * The views of a referral (`GET /v1/referrals`, `GET /v1/referrals/:id`) as schemas:
 * what the web app's types are generated from (ADR 0023). The services build these
 * shapes; test/response-shapes.e2e-spec.ts and test/openapi-responses.e2e-spec.ts hold
 * them to it.
 */

/** `POST /v1/referrals` */
export class SubmittedReferral {
  @ApiProperty({ type: String, format: 'uuid', description: 'The new referral, or — `linked` — the clinic’s own open case' }) id: string;
  @ApiProperty({ type: String }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Only for the same clinic’s own open case' }) linked?: boolean;
}

export class ReferrerMilestone {
  @ApiProperty({ type: String }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String }) outcome?: string;
}

/** What a referrer sees of their referral: milestones cut to the citizen’s consent (ADR 0005). */
export class ReferredCitizen {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Masked, DDMMYY-****' }) cpr: string | null;
}

export class ReferrerView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, description: 'The latest milestone the consent level shows' }) status: string;
  @ApiProperty({ type: () => [ReferrerMilestone] }) milestones: ReferrerMilestone[];
  @ApiPropertyOptional({ type: String, description: 'Only at feedback level `summary`, approved by the citizen' }) summary?: string;
  @ApiPropertyOptional({ type: () => ReferredCitizen, description: 'In lists: whom this referrer referred, in their own words (ADR 0024)' })
  citizen?: ReferredCitizen;
  @ApiPropertyOptional({ type: [String], description: 'In lists: the reasons this referrer gave' }) reasons?: string[];
}

export class CaseCitizenRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null on a restricted case' }) name: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Masked, DDMMYY-****' }) cpr: string | null;
  @ApiPropertyOptional({ type: Boolean, description: 'Name-and-address protection (absent on a restricted case)' })
  addressProtected?: boolean;
}

export class CaseAreaRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class CaseAssignee {
  @ApiProperty({ type: String, format: 'uuid', description: 'The brobygger id' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
}

export class CaseRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) status: string;
}

export class ReferringOrganisation {
  @ApiProperty({ type: String, format: 'uuid', description: 'The referrer’s user id' }) id: string;
  @ApiProperty({ type: String, nullable: true }) organisation: string | null;
}

/** A case in a staff list. */
export class CaseSummary {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: () => CaseCitizenRef }) citizen: CaseCitizenRef;
  @ApiPropertyOptional({ type: Boolean, description: 'Restricted (ADR 0013): reading it takes X-Access-Reason' }) restricted?: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ type: () => CaseAreaRef, nullable: true }) area: CaseAreaRef | null;
  @ApiProperty({ type: () => CaseAssignee, nullable: true }) assignee: CaseAssignee | null;
  @ApiPropertyOptional({ type: String }) unassignedReason?: string;
  @ApiPropertyOptional({ type: Boolean }) needsAttention?: boolean;
  @ApiPropertyOptional({ type: () => CaseRef, description: 'A possible duplicate (or one decided): the open case it concerns' })
  duplicateOf?: CaseRef;
  @ApiPropertyOptional({ type: () => ReferringOrganisation, description: 'With duplicateOf: the clinic that sent it (ADR 0014)' })
  referrer?: ReferringOrganisation;
}

export class PostalAddress {
  @ApiProperty({ type: String, nullable: true }) street: string | null;
  @ApiProperty({ type: String, nullable: true }) postcode: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
}

/** The citizen on the full case: phone, e-mail and address are null under name-and-address protection unless the viewer holds the case or coordinates. */
export class CaseCitizen {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Masked, DDMMYY-****' }) cpr: string | null;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: () => PostalAddress }) address: PostalAddress;
  @ApiProperty({ type: String, nullable: true }) language: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) contactPreferences: Record<string, unknown> | null;
  @ApiProperty({ type: Boolean }) addressProtected: boolean;
}

export class ReferrerRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation: string | null;
}

export class ConsentRecord {
  @ApiProperty({ type: String }) scope: string;
  @ApiProperty({
    oneOf: [{ type: 'boolean' }, { type: 'string', enum: [...FEEDBACK_LEVELS] }],
    description: 'A level for referrer_feedback',
  })
  value: boolean | FeedbackLevel;
  @ApiProperty({ type: String }) method: string;
  @ApiProperty({ type: String, format: 'date-time' }) capturedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) capturedBy: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralLinkId: string | null;
}

export class CaseConsents {
  @ApiPropertyOptional({ type: Boolean }) referral?: boolean;
  @ApiProperty({ type: String, enum: FEEDBACK_LEVELS }) referrerFeedback: FeedbackLevel;
  @ApiProperty({ type: Boolean }) shareWithHost: boolean;
  @ApiProperty({ type: Boolean }) sms: boolean;
  @ApiProperty({ type: Boolean }) statistics: boolean;
  @ApiPropertyOptional({ type: () => [ConsentRecord], description: 'Every consent given or withdrawn, oldest first' })
  history?: ConsentRecord[];
}

export class StatusChange {
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: String }) to: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
}

export class ContactAttempt {
  @ApiProperty({ type: String }) outcome: string;
  @ApiProperty({ type: String }) channel: string;
  @ApiProperty({ type: String, format: 'date-time' }) attemptedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Free text: only where the case’s notes are disclosed' })
  note?: string | null;
}

/** A conversation with Samtalehjulet, WHO-5 and UCLA-3; free text only where the case’s notes are disclosed. */
export class Conversation {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) heldAt: string;
  @ApiProperty({ type: Number }) durationMinutes: number;
  @ApiPropertyOptional({ type: String }) location?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, nullable: true, description: 'Life domain → 1–10' })
  wheel: Record<string, number> | null;
  @ApiProperty({ type: [Number], nullable: true }) who5: number[] | null;
  @ApiProperty({ type: Number, nullable: true }) who5Score: number | null;
  @ApiProperty({ type: [Number], nullable: true }) ucla3: number[] | null;
  @ApiProperty({ type: Number, nullable: true }) ucla3Score: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) notes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) whatMatters?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) wishes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) wantToTry?: string | null;
}

/** `POST /v1/referrals/:id/conversations`: the conversation and the scores computed from the answers. */
export class RecordedConversation {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String, description: 'The case’s status after it' }) status: string;
  @ApiProperty({ type: Number, nullable: true }) who5Score: number | null;
  @ApiProperty({ type: Number, nullable: true }) ucla3Score: number | null;
}

export class Measure {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: Number, nullable: true }) who5Score: number | null;
  @ApiProperty({ type: Number, nullable: true }) ucla3Score: number | null;
}

export class MeasureChange {
  @ApiProperty({ type: Number, nullable: true }) who5: number | null;
  @ApiProperty({ type: Number, nullable: true }) ucla3: number | null;
}

export class CaseOutcomes {
  @ApiProperty({ type: () => Measure, nullable: true }) baseline: Measure | null;
  @ApiProperty({ type: () => Measure, nullable: true }) latest: Measure | null;
  @ApiProperty({ type: () => MeasureChange, nullable: true }) change: MeasureChange | null;
}

/** The offer a plan step points to, as the plan shows it. */
export class PlanStepOffer {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, enum: ['active', 'paused'] }) status: 'active' | 'paused';
  @ApiProperty({ type: Number, nullable: true }) freePlaces: number | null;
  @ApiProperty({ type: Boolean }) companionAvailable: boolean;
  @ApiProperty({ type: Boolean }) acceptsSpecialNeeds: boolean;
  @ApiProperty({ type: Boolean }) noFreePlaces: boolean;
  @ApiProperty({ type: Boolean }) paused: boolean;
}

/** A step of the personal plan; free text (description, host) only where the case’s notes are disclosed. */
export class PlanStep {
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Stable across plan versions; hand-offs name it (ADR 0026)' })
  id?: string;
  @ApiPropertyOptional({ type: String }) description?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) offerId?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'A host of the step’s offer' }) hostId?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The følgeven who goes along' }) companionId?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional({ type: Boolean }) companion?: boolean;
  @ApiPropertyOptional({ type: String }) host?: string;
  @ApiPropertyOptional({ type: String }) transport?: string;
  @ApiPropertyOptional({ type: String }) status?: string;
  @ApiPropertyOptional({ type: () => PlanStepOffer }) offer?: PlanStepOffer;
}

export class PlanVersion {
  @ApiProperty({ type: Number }) version: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) changedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt: string;
}

export class Plan {
  @ApiPropertyOptional({ type: [String], description: 'Free text: only where the case’s notes are disclosed' }) goals?: string[];
  @ApiProperty({ type: () => [PlanStep] }) steps: PlanStep[];
  @ApiProperty({ type: Number }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy: string | null;
  @ApiPropertyOptional({ type: () => [PlanVersion] }) history?: PlanVersion[];
}

export class OtherContact {
  @ApiProperty({ type: String }) service: string;
  @ApiPropertyOptional({ type: String }) person?: string;
  @ApiPropertyOptional({ type: String }) phone?: string;
}

/** "Oplyst af <klinik> <dato>": only the fields that differed from the citizen’s. */
export class ReportedDetails {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) organisation: string | null;
  @ApiProperty({ type: () => ReferrerRef }) referrer: ReferrerRef;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String }) name?: string;
  @ApiPropertyOptional({ type: String }) phone?: string;
  @ApiPropertyOptional({ type: String }) email?: string;
  @ApiPropertyOptional({ type: () => PostalAddress }) address?: PostalAddress;
  @ApiPropertyOptional({ type: String }) language?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) contactPreferences?: Record<string, unknown>;
}

/** A referral joined to this case (same clinic, or a confirmed duplicate). */
export class LinkedReferral {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) referralId?: string;
  @ApiProperty({ type: () => ReferrerRef }) referrer: ReferrerRef;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) note?: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) confirmedAt?: string | null;
  @ApiPropertyOptional({ type: String, enum: FEEDBACK_LEVELS }) referrerFeedback?: FeedbackLevel;
}

/** A referral from another clinic held as a possible duplicate of this case (ADR 0014). */
export class PossibleDuplicate {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: () => ReferrerRef }) referrer: ReferrerRef;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: () => [ReportedDetails] }) reportedDetails: ReportedDetails[];
}

export class DuplicateDecision {
  @ApiProperty({ type: String, enum: ['confirmed', 'rejected'], nullable: true }) decision: 'confirmed' | 'rejected' | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiPropertyOptional({ type: () => ReferrerRef, nullable: true }) decidedBy?: ReferrerRef | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

/** The full case, for its brobygger and coordinators (and, without free text, brobyggere of the area while it waits). */
export class FullCase extends CaseSummary {
  @ApiProperty({ type: () => CaseCitizen }) override citizen: CaseCitizen;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Free text: only where the case’s notes are disclosed' })
  note?: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ type: () => ReferrerRef, description: 'Absent while a public referral awaits consent (ADR 0030)' })
  override referrer?: ReferrerRef;
  @ApiPropertyOptional({ type: () => PublicReferralFacts, nullable: true }) publicReferral?: PublicReferralFacts | null;
  @ApiProperty({ type: Boolean }) areaOverridden: boolean;
  @ApiPropertyOptional({ type: String }) outcome?: string;
  @ApiPropertyOptional({ type: String }) summary?: string;
  @ApiPropertyOptional({ type: Boolean }) summaryApprovedByCitizen?: boolean;
  @ApiProperty({ type: () => CaseConsents }) consents: CaseConsents;
  @ApiProperty({ type: () => [StatusChange] }) statusHistory: StatusChange[];
  @ApiProperty({ type: Boolean }) considerUnreachable: boolean;
  @ApiProperty({ type: String, enum: CASE_ACTIONS, isArray: true, description: 'What a client may offer; each command is checked again' })
  nextActions: CaseAction[];
  @ApiPropertyOptional({ type: () => [OtherContact] }) otherContacts?: OtherContact[];
  @ApiPropertyOptional({ type: String, nullable: true }) responsibleContact?: string | null;
  @ApiProperty({ type: () => [ContactAttempt] }) contactAttempts: ContactAttempt[];
  @ApiProperty({ type: () => [Conversation] }) conversations: Conversation[];
  @ApiPropertyOptional({ type: () => CaseOutcomes }) outcomes?: CaseOutcomes;
  @ApiProperty({ type: () => Plan, nullable: true }) plan: Plan | null;
  @ApiProperty({ type: () => [FollowUp] }) followUps: FollowUp[];
  @ApiProperty({ type: () => [LinkedReferral] }) linkedReferrals: LinkedReferral[];
  @ApiPropertyOptional({ type: () => [PossibleDuplicate] }) possibleDuplicates?: PossibleDuplicate[];
  @ApiPropertyOptional({ type: () => [ReportedDetails] }) reportedDetails?: ReportedDetails[];
  @ApiPropertyOptional({ type: () => DuplicateDecision }) duplicate?: DuplicateDecision;
}

/** A command on a case done: the case and its status after it (hold, resume, unassign). */
export class CaseState {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) status: string;
}

/** `POST /v1/referrals/:id/assign` */
export class Assigned extends CaseState {
  @ApiProperty({ type: String, format: 'uuid', description: 'The brobygger id' }) assigneeId: string;
}

/** `POST /v1/referrals/:id/area` */
export class AreaSet extends CaseState {
  @ApiProperty({ type: String, format: 'uuid' }) areaId: string;
}

/** `POST /v1/referrals/:id/close` */
export class Closed extends CaseState {
  @ApiProperty({ type: String }) outcome: string;
}

/** `POST /v1/referrals/:id/contact-attempts` */
export class ContactAttemptLogged extends CaseState {
  @ApiProperty({ type: String }) outcome: string;
  @ApiProperty({ type: Boolean, description: 'Enough failed attempts to consider the citizen unreachable' }) considerUnreachable: boolean;
}

/** `POST /v1/referrals/:id/consents`: the scope’s new value, and what a withdrawal of `referral` did to the citizen’s data. */
export class ConsentChanged extends CaseState {
  @ApiProperty({ type: String, enum: CONSENT_SCOPES }) scope: ConsentScope;
  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string', enum: [...FEEDBACK_LEVELS] }] }) value: boolean | FeedbackLevel;
  @ApiProperty({ type: Boolean }) erased: boolean;
  @ApiProperty({ type: Boolean }) restricted: boolean;
}

/** `PUT /v1/referrals/:id/contacts` */
export class OtherContacts {
  @ApiProperty({ type: () => [OtherContact] }) otherContacts: OtherContact[];
  @ApiProperty({ type: String, nullable: true }) responsibleContact: string | null;
}

/** `POST /v1/referrals/:id/duplicate` */
export class DuplicateDecided extends CaseState {
  @ApiProperty({ type: String, enum: ['confirm', 'reject'] }) decision: 'confirm' | 'reject';
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Confirmed: the open case it was linked to' }) duplicateOf?: string;
}

/** `POST /v1/referrals/:id/reported-details` */
export class ReportedDetailsDecided {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, enum: ['accepted', 'ignored'] }) decision: 'accepted' | 'ignored';
}
