import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { Assignment1763810000000 } from './1763810000000-assignment';
import { ReferrerNotification1763820000000 } from './1763820000000-referrer-notification';
import { Casework1763830000000 } from './1763830000000-casework';
import { OfferStale1763840000000 } from './1763840000000-offer-stale';
import { FollowUp1763850000000 } from './1763850000000-follow-up';
import { Messages1763860000000 } from './1763860000000-messages';
import { OutboxDone1763870000000 } from './1763870000000-outbox-done';
import { AuditChain1763900000000 } from './1763900000000-audit-chain';
import { Retention1763910000000 } from './1763910000000-retention';
import { PossibleDuplicates1764000000000 } from './1764000000000-possible-duplicates';
import { LinkConsents1764000000001 } from './1764000000001-link-consents';
import { AddressProtection1764010000000 } from './1764010000000-address-protection';
import { IdempotencyKeyDigest1764020000000 } from './1764020000000-idempotency-key-digest';
import { MessageDelivery1764030000000 } from './1764030000000-message-delivery';
import { CouncilReport1764100000000 } from './1764100000000-council-report';
import { OutboxFailed1764200000000 } from './1764200000000-outbox-failed';
import { ScaleIndexes1764200000001 } from './1764200000001-scale-indexes';
import { CitizenSearch1764400000000 } from './1764400000000-citizen-search';
import { OutcomeMeasurement1764400000001 } from './1764400000001-outcome-measurement';
import { Community1764600000000 } from './1764600000000-community';
import { SmsChannel1764700000000 } from './1764700000000-sms-channel';
import { Appointments1764700000001 } from './1764700000001-appointments';
import { Medcom1764800000000 } from './1764800000000-medcom';
import { PublicReferrals1764900000000 } from './1764900000000-public-referrals';
import { FhirReferralIn1765000000000 } from './1765000000000-fhir-referral-in';
import { OneOutsideAddress1765200000000 } from './1765200000000-one-outside-address';
import { UserChangeNotify1765300000000 } from './1765300000000-user-change-notify';
import { AuditChainHashOnce1765300000001 } from './1765300000001-audit-chain-hash-once';
import { FollowUpAssigneeCovering1765500000000 } from './1765500000000-follow-up-assignee-covering';
import { AuditListings1765500000001 } from './1765500000001-audit-listings';
import { WithheldAtSendTime1765600000000 } from './1765600000000-withheld-at-send-time';
import { OutboxRelayLease1765700000000 } from './1765700000000-outbox-relay-lease';
import { AuditChainLinkedAfterCommit1765700000001 } from './1765700000001-audit-chain-linked-after-commit';
import { AuditLinkerCheaper1765700000002 } from './1765700000002-audit-linker-cheaper';

/** Every migration, in order. Listed as classes so that tsc, Jest and the CLI agree. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  Assignment1763810000000,
  ReferrerNotification1763820000000,
  Casework1763830000000,
  OfferStale1763840000000,
  FollowUp1763850000000,
  Messages1763860000000,
  OutboxDone1763870000000,
  AuditChain1763900000000,
  Retention1763910000000,
  PossibleDuplicates1764000000000,
  LinkConsents1764000000001,
  AddressProtection1764010000000,
  IdempotencyKeyDigest1764020000000,
  MessageDelivery1764030000000,
  CouncilReport1764100000000,
  OutboxFailed1764200000000,
  ScaleIndexes1764200000001,
  CitizenSearch1764400000000,
  OutcomeMeasurement1764400000001,
  Community1764600000000,
  SmsChannel1764700000000,
  Appointments1764700000001,
  Medcom1764800000000,
  PublicReferrals1764900000000,
  FhirReferralIn1765000000000,
  OneOutsideAddress1765200000000,
  UserChangeNotify1765300000000,
  AuditChainHashOnce1765300000001,
  FollowUpAssigneeCovering1765500000000,
  AuditListings1765500000001,
  WithheldAtSendTime1765600000000,
  OutboxRelayLease1765700000000,
  AuditChainLinkedAfterCommit1765700000001,
  AuditLinkerCheaper1765700000002,
];
