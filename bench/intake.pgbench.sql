-- The SQL one POST /v1/referrals executes (a new citizen, no Idempotency-Key), statement
-- for statement, as captured with pg_stat_statements from the running api (see
-- bench/intake-ratio.bench.mts, which checks that both produce the same statements).
-- The values come from pgbench variables (-D) so that every value is a bind parameter,
-- as from the api. One script run = one referral: the auth guard's user lookup
-- (autocommit), then the intake transaction.
\set n random(1, 2000000000)
SELECT "User"."id" AS "User_id", "User"."municipality_id" AS "User_municipality_id", "User"."username" AS "User_username", "User"."display_name" AS "User_display_name", "User"."role" AS "User_role", "User"."organisation" AS "User_organisation", "User"."active" AS "User_active", "User"."created_at" AS "User_created_at" FROM "app_user" "User" WHERE (("User"."id" = :uid) AND ("User"."municipality_id" = :mid)) LIMIT 1;
START TRANSACTION;
INSERT INTO citizen (municipality_id, cpr_hmac, cpr_ciphertext, cpr_key_id, name, phone, email,
                            street, postcode, city, language, contact_preferences)
       VALUES (:mid, :n, :ciphertext, :keyid, :name, :phone, :email, :street, :postcode, :city, :language, COALESCE(:prefs::jsonb, '{}'))
       ON CONFLICT (municipality_id, cpr_hmac) DO UPDATE SET
         cpr_ciphertext = EXCLUDED.cpr_ciphertext, cpr_key_id = EXCLUDED.cpr_key_id,
         name = EXCLUDED.name, street = EXCLUDED.street, postcode = EXCLUDED.postcode, city = EXCLUDED.city,
         phone = COALESCE(EXCLUDED.phone, citizen.phone), email = COALESCE(EXCLUDED.email, citizen.email),
         language = COALESCE(EXCLUDED.language, citizen.language),
         contact_preferences = COALESCE(:prefs::jsonb, citizen.contact_preferences),
         erased_at = NULL, updated_at = now()
       RETURNING id \gset c_
SELECT id, status, created_at FROM referral WHERE citizen_id = :c_id AND status <> ALL(:closed);
INSERT INTO referral (municipality_id, citizen_id, referrer_id, referrer_organisation, status, reasons, note)
       VALUES (:mid, :c_id, :uid, :org, 'submitted', :reasons, :note) RETURNING id, created_at \gset r_
INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status, actor_id)
       VALUES (:mid, :r_id, NULL, 'submitted', :uid);
INSERT INTO "consent"("municipality_id", "citizen_id", "referral_id", "scope", "value", "method", "captured_by", "captured_at") VALUES (:mid, :c_id, :r_id, :s1, :v1, :method, :uid, DEFAULT), (:mid, :c_id, :r_id, :s2, :v2, :method, :uid, DEFAULT), (:mid, :c_id, :r_id, :s3, :v3, :method, :uid, DEFAULT), (:mid, :c_id, :r_id, :s4, :v4, :method, :uid, DEFAULT), (:mid, :c_id, :r_id, :s5, :v5, :method, :uid, DEFAULT) RETURNING "id";
WITH row AS (INSERT INTO outbox (municipality_id, job_name, payload) VALUES (:mid, :job1, :payload1) RETURNING id)
     SELECT id, pg_notify('bro_outbox', '') FROM row;
WITH row AS (INSERT INTO outbox (municipality_id, job_name, payload) VALUES (:mid, :job2, :payload2) RETURNING id)
     SELECT id, pg_notify('bro_outbox', '') FROM row;
INSERT INTO audit_log (municipality_id, user_id, role, action, citizen_id, referral_id, purpose, request_id) VALUES (:mid, :uid, :role, :action, :c_id, :r_id, :purpose, :requestid);
COMMIT;
