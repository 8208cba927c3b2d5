/**
 * The owner of every table (ADR 0020, ADR 0022): the one lib whose
 * `libs/<lib>/src/<lib>.repository.ts` (or `*.read-models.ts`) holds the SQL on it.
 * A new table gets its owner here in the same change as its migration;
 * `table-ownership.spec.ts` fails until it has one.
 */
export const TABLE_OWNERS: Record<string, string> = {
  // who works in a municipality, and its settings
  municipality: 'auth',
  app_user: 'auth',
  // the append-only audit log and its hash chain (ADR 0012, 0017)
  audit_log: 'audit',
  audit_chain: 'audit',
  audit_chain_head: 'audit',
  audit_chain_pending: 'audit',
  consent: 'consent',
  // the messages to staff and the delivery ledger (ADR 0008, 0017)
  message: 'notification',
  referrer_notification: 'notification',
  // who could take a case: areas, brobyggere, capacity (ADR 0006)
  area: 'matching',
  area_postcode: 'matching',
  brobygger: 'matching',
  brobygger_area: 'matching',
  organisation: 'directory',
  offer: 'directory',
  // the people around offers: hosts and følgevenner (ADR 0026)
  host: 'directory',
  companion: 'directory',
  // hand-offs to them and the offer checks (ADR 0026)
  handover: 'community',
  offer_check: 'community',
  // the case: its row, its status history, its holders, its citizen, its duplicates
  referral: 'referral',
  referral_status_change: 'referral',
  referral_assignment: 'referral',
  referral_link: 'referral',
  citizen: 'referral',
  reported_details: 'referral',
  public_referral: 'referral',
  // what a GP system said about its own FHIR referral, echoed back (ADR 0031)
  fhir_referral_in: 'fhir',
  contact_attempt: 'casework',
  conversation: 'casework',
  plan: 'casework',
  plan_revision: 'casework',
  follow_up: 'follow-up',
  // booked conversations, meeting places, the calendar feed and reminders (ADR 0027)
  meeting_place: 'appointment',
  appointment: 'appointment',
  calendar_token: 'appointment',
  appointment_reminder: 'appointment',
  // MedCom (ADR 0028): the referring clinics' SOR and GLN, and the message ledger
  medcom_clinic: 'medcom',
  medcom_message: 'medcom',
  // the machinery every lib shares (ADR 0002)
  outbox: 'platform',
  outbox_relay_lease: 'platform',
  idempotency_key: 'platform',
};

/**
 * Words the scanner reads after FROM/JOIN/UPDATE that are not Bro's tables: SQL
 * functions and keywords, PostgreSQL catalogues, and aliases of subqueries.
 */
export const NOT_TABLES = new Set([
  'a',
  'changed',
  'clock_timestamp',
  'jsonb_array_elements',
  'lateral',
  'min',
  'of',
  'pg_database',
  'row',
  'set',
  'skip',
  'unnest',
]);

/**
 * Reads of another lib's table allowed in place — reporting joins a read model cannot
 * serve (ADR 0022). At most 10, each with its reason; never a write.
 */
export const ALLOWED_FOREIGN_READS: { file: string; table: string; reason: string }[] = [];

/**
 * Files outside a `*.repository.ts` or `*.read-models.ts` that may hold SQL or other
 * data access, each with its reason. Everything else with SQL, `.query(` or a TypeORM
 * repository in it is a service holding data access: move it.
 */
export const SQL_OUTSIDE_REPOSITORIES: { file: string; reason: string }[] = [
  {
    file: 'libs/platform/src/database/migrator.ts',
    reason: 'creates the database itself: reads the pg_database catalogue, no table of Bro',
  },
  { file: 'libs/platform/src/queue/outbox-wakeups.ts', reason: 'LISTENs on the outbox channel: a notification, no table' },
];
