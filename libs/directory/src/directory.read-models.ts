/**
 * Read models the directory publishes over the tables it owns (ADR 0022, 0026): a
 * subquery with named columns another lib may select from or join in its own SQL.
 * Reads only.
 */

/** Current hosts with their offer: whom an offer check goes to, and whether the offer is due one. */
export const OFFER_HOSTS = `(SELECT o.id AS offer_id, o.municipality_id, o.status AS offer_status, o.last_verified_at,
  h.id AS host_id, h.name AS host_name, h.email IS NOT NULL AS host_has_email
  FROM offer o JOIN host h ON h.offer_id = o.id AND h.removed_at IS NULL)`;

/** The names of hosts and følgevenner, for the staff's list of a case's hand-offs. */
export const PEOPLE_NAMES = '(SELECT id, name FROM host UNION ALL SELECT id, name FROM companion)';

/** Organisations by name, for the figures per association. */
export const ORGANISATION_NAMES = '(SELECT id, municipality_id, name FROM organisation)';
