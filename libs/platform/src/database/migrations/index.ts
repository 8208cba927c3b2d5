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
import { OutboxFailed1764200000000 } from './1764200000000-outbox-failed';
import { ScaleIndexes1764200000001 } from './1764200000001-scale-indexes';

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
  OutboxFailed1764200000000,
  ScaleIndexes1764200000001,
];
