-- The SQL one POST /v1/referrals executes (a new citizen, no Idempotency-Key), statement
-- for statement, as captured with pg_stat_statements from the running api (see
-- bench/intake-ratio.bench.mts, which checks that both produce the same statements).
-- The values come from pgbench variables (-D) so that every value is a bind parameter,
-- as from the api; where the api binds NULL (pgbench cannot) the script writes NULL, which
-- pg_stat_statements counts as the same parameter. One script run = one referral: the intake transaction. The auth
-- guard's user lookup is not here: the api keeps an active user for a moment (ADR 0034),
-- so a client sending many referrals costs it no read per request.
\set n random(1, 9000000000000000000)
START TRANSACTION;
INSERT INTO citizen (municipality_id, cpr_hmac, cpr_ciphertext, cpr_key_id, name, phone, email,
                            street, postcode, city, language, contact_preferences, address_protected)
       VALUES (:mid, :n, :ciphertext, :keyid, :name, :phone, :email, :street, :postcode, :city, :language, COALESCE(:prefs::jsonb, '{}'), :protected)
       ON CONFLICT (municipality_id, cpr_hmac) DO UPDATE SET updated_at = citizen.updated_at,
         -- Any referral may add name-and-address protection, none may lift it (ADR 0015): it
         -- only ever hides more, so even a held possible duplicate may set it.
         address_protected = citizen.address_protected OR EXCLUDED.address_protected
       RETURNING id, (xmax = 0) AS inserted, name, phone, email, street, postcode, city, language, contact_preferences AS "contactPreferences" \gset c_
SELECT r.id, r.status, r.created_at, r.referrer_id, r.referrer_organisation, r.duplicate_of,
              COALESCE((SELECT json_agg(json_build_object('userId', l.referrer_id, 'organisation', l.referrer_organisation))
                          FROM referral_link l WHERE l.referral_id = r.id), '[]') AS links
         FROM referral r
        WHERE r.citizen_id = :c_id AND (r.status = ANY(:open) OR r.status = ANY(:held))
        ORDER BY r.created_at, r.id;
WITH row AS (
         INSERT INTO referral (municipality_id, citizen_id, referrer_id, referrer_organisation, status, reasons, note, duplicate_of)
         VALUES (:mid, :c_id, :uid, :org, :status, :reasons, :note, NULL) RETURNING id, created_at, municipality_id, status),
       h AS (
         INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status, actor_id, reason)
         SELECT municipality_id, id, NULL, status, :uid, NULL FROM row)
       SELECT id, created_at FROM row \gset r_
-- The api sends the next three together (pg's pipeline mode, ADR 0043); so does pgbench.
\startpipeline
INSERT INTO consent (municipality_id, citizen_id, referral_id, referral_link_id, scope, value, method, captured_by)
       SELECT :mid::uuid, :c_id::uuid, :r_id::uuid, NULL::uuid, d.scope, d.value, :method, :uid::uuid FROM unnest(:scopes::text[], :values::text[]) WITH ORDINALITY AS d(scope, value, n) ORDER BY d.n;
WITH row AS (INSERT INTO outbox (municipality_id, job_name, payload)
       VALUES (:mid, :job1, :payload1), (:mid, :job2, :payload2) RETURNING id)
     SELECT id, (SELECT pg_notify('bro_outbox', '') WHERE NOT EXISTS (SELECT 1 FROM outbox_relay_lease WHERE awake_until > statement_timestamp())) FROM row;
INSERT INTO audit_log (municipality_id, user_id, role, action, citizen_id, referral_id, purpose, request_id) VALUES (:mid, :uid, :role, :action, :c_id, :r_id, :purpose, :requestid);
\endpipeline
COMMIT;
