/**
 * Read models the auth lib publishes over the tables it owns (ADR 0022): a subquery
 * with named columns another lib may select from or join, in its own SQL, instead of
 * naming `municipality` or `app_user`. The owner decides which columns leave and may
 * change its tables behind them. Reads only; nobody writes through a read model.
 */

/** A municipality's identity and settings: code and name, time zone, deadlines and retention. */
export const MUNICIPALITY_SETTINGS = `(SELECT id, code, name, time_zone, retention_years, first_contact_working_days,
  follow_up_call_days, review_days, escalate_after_working_days, measurement_3m_working_days, measurement_9m_working_days,
  offer_check_months FROM municipality)`;

/** Who a staff user is, for addressing a message and for counting a referral by its source. */
export const USER_FACTS = '(SELECT id, municipality_id, role, organisation_kind, display_name, email FROM app_user)';
