/**
 * Read models the matching lib publishes over the tables it owns (ADR 0022): subqueries
 * with named columns another lib may select from or join instead of naming `area` or
 * `brobygger`. Reads only.
 */

/** An area's name, for reports and for checking a reference to an area. */
export const AREA_FACTS = '(SELECT id, municipality_id, name FROM area)';

/** A brobygger's caseload against capacity (no name: the user behind it is `user_id`). */
export const BROBYGGER_CASELOAD = '(SELECT id, municipality_id, user_id, active, active_cases, capacity FROM brobygger)';
