export interface paths {
    "/v1/auth/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How a client signs in: dev mode, or the OIDC issuer and client id for the Authorization Code flow with PKCE */
        get: operations["AuthController_authConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/dev-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A token for any existing user (AUTH_MODE=dev only; 404 in oidc mode) */
        post: operations["AuthController_devToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/medcom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A MedCom message Bundle: CareCommunication 4.0 or 5.0, answered with the Acknowledgement (ok, or fatal-error with an OperationOutcome), which is also queued outbound; or an Acknowledgement of a message Bro sent, which closes its ledger entry */
        post: operations["MedcomGatewayController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case’s MedCom correspondence with the GP (CareCommunication both ways), oldest first */
        get: operations["MedcomController_thread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/messages/{messageId}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reply to the GP: a CareCommunication reply to the sender of an incoming message, sent through the MedCom ledger. 409 (details.code recipient_not_referring_clinic or feedback_summary_consent_required) when the sender is not a clinic that referred the case or the citizen’s feedback consent is not `summary`; nothing is then stored or sent */
        post: operations["MedcomController_reply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/messages/{messageId}/attachments/{n}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An attachment carried in a MedCom message, as a file */
        get: operations["MedcomController_attachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/medcom/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** MedCom messages about citizens no case was found for, to attach by hand */
        get: operations["MedcomController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/medcom/inbox/{id}/attach": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach an inbox message to a case of the municipality */
        post: operations["MedcomController_attach"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/medcom/clinics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The referring clinics’ SOR codes and GLN numbers (by the organisation their referrers carry) */
        get: operations["MedcomController_clinics"];
        /** Set a referring clinic’s SOR code and GLN number */
        put: operations["MedcomController_putClinic"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/municipality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality’s settings: deadlines, escalation, retention, record keeping */
        get: operations["AdminController_getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change any of the settings (400 naming a value out of range or an unknown time zone) */
        patch: operations["AdminController_updateSettings"];
        trace?: never;
    };
    "/v1/areas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality’s areas with their postcodes */
        get: operations["AdminController_listAreas"];
        put?: never;
        /** Create an area with its postcodes (409 if a postcode belongs to another area) */
        post: operations["AdminController_createArea"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/areas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename an area or replace its postcodes */
        patch: operations["AdminController_updateArea"];
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality’s users (referrers, brobyggere, coordinators) with their active flag */
        get: operations["AdminController_listUsers"];
        put?: never;
        /** Create a referrer or coordinator of the municipality (409 if the username is taken) */
        post: operations["AdminController_createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Deactivate (active: false — no sign-in from the next request; a brobygger also gets no new cases and their open cases go back to the unassigned queue), reactivate or rename a user. Not yourself (422). */
        patch: operations["AdminController_updateUser"];
        trace?: never;
    };
    "/v1/brobyggere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Brobyggere with their load (activeCases) next to capacity */
        get: operations["AdminController_listBrobyggere"];
        put?: never;
        /** Create a brobygger (and their user) with areas, capacity and languages */
        post: operations["AdminController_createBrobygger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/brobyggere/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change capacity, areas, languages, absence or the active flag. active: false = no new cases and the open ones go back to the unassigned queue; the person can still sign in (to stop that, PATCH /v1/users/:id {active: false}) */
        patch: operations["AdminController_updateBrobygger"];
        trace?: never;
    };
    "/v1/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Referrals the caller may see: coordinators all of the municipality, brobyggere their own, referrers theirs
         * @description `status=possible_duplicate` is the coordinators’ "mulig dublet" queue: items carry `duplicateOf { id, status }` and `referrer`. A referrer’s list is neither filtered by `status`, `areaId`, `assignee`, `q`, `reason` or `needsAttention` nor sorted by anything but `createdAt` (400): their view shows none of these. Their items name the citizen as they referred them (`citizen.name`, masked `citizen.cpr`) and their own `reasons`. `q` finds staff’s cases by a fragment of the name (case and accents ignored) or the phone; CPR numbers are searched with `POST /v1/referrals/search`.
         */
        get: operations["ReferralsController_list"];
        put?: never;
        /**
         * Submit a social henvisning. Requires consent.referral = true (422 otherwise).
         * @description A citizen with an open case: a referral from the clinic that holds it (same organisation; without one, the same user) or from a coordinator joins that case — `{ id: <the case>, status: submitted, linked: true }`. From another clinic the reply is the one a referral of an unknown citizen gets — its own new id, `submitted`, no `linked` — and the referral waits as `possible_duplicate` until a coordinator or the case’s brobygger decides (`POST /v1/referrals/:id/duplicate`; ADR 0014). Neither changes the citizen’s identity data or another referral’s consents: differing details are kept as `reportedDetails` for staff to accept or ignore.
         */
        post: operations["ReferralsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The cases of the citizen with this CPR number that the caller may see in a list (the CPR in the body, never a URL)
         * @description Exact match by the keyed hash of the CPR number; 422 for an invalid one. An unknown citizen and one with no case the caller may see both give an empty list. Audited as a search (purpose `cpr_search`) for each case listed.
         */
        post: operations["ReferralsController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One referral, as the caller may see it (404 if not theirs)
         * @description Brobyggere of the area see a waiting (unassigned) case without any free text. For a citizen under name-and-address protection (`citizen.addressProtected`), `citizen.phone`, `citizen.email` and `citizen.address.*` are null unless the caller is a coordinator or the brobygger who holds the case.
         */
        get: operations["ReferralsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign or reassign to a brobygger (409 if that brobygger has no free capacity) */
        post: operations["ReferralsController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/unassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take the case off its brobygger and back to the unassigned queue */
        post: operations["ReferralsController_unassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/area": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Override the area derived from the postcode; a waiting case is matched again there */
        post: operations["ReferralsController_setArea"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/contact-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a contact attempt: reached → contacted; declined before a conversation cancels the case */
        post: operations["CaseworkController_contactAttempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a conversation with Samtalehjulet, "Min samtale", WHO-5 and UCLA-3 (scored here) */
        post: operations["CaseworkController_conversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the personal plan (goals and steps); every version is kept */
        put: operations["CaseworkController_plan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The citizen’s other municipal contacts, and who holds the ongoing contact */
        put: operations["CaseworkController_contacts"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change or withdraw one consent scope; withdrawing "referral" cancels the case and erases the citizen’s data */
        post: operations["CaseworkController_consents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause the case (e.g. hospital admission) */
        post: operations["CaseworkController_hold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused case where it left off */
        post: operations["CaseworkController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close with an outcome and an optional summary the citizen approved; frees the brobygger’s place */
        post: operations["CaseworkController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reopen a completed case within 30 days of closing; it is routed again, preferring its brobygger
         * @description 409 for another status, an older closing, a restricted case, or when the citizen has another open case.
         */
        post: operations["CaseworkController_reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide a possible duplicate (status possible_duplicate; listed by GET /v1/referrals?status=possible_duplicate): confirm links it to the citizen’s open case — or routes it as a new case when none is open any more; reject closes it as rejected. A coordinator or the brobygger assigned to that case (404 for anyone else); 409 once decided. */
        post: operations["LinkingController_duplicate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/reported-details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept (apply to the citizen, audited) or ignore details a later referral reported that differ from the citizen’s (the case’s `reportedDetails`, "oplyst af <klinik> <dato>"). The case’s casework staff; 409 once decided. */
        post: operations["LinkingController_reportedDetails"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/municipalities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipalities a public referral may go to; with `postcode`, those whose areas cover it */
        get: operations["PublicReferralsController_municipalities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refer a citizen, or yourself, without a login ("Henvis en borger" / "Henvis dig selv")
         * @description Accepted for the municipality’s coordinators and brobyggere, who call the citizen: nobody but the citizen can consent, so the referral waits as `awaiting_consent`. The reply is `{ reference }` for every valid submission — a short reference for a phone call, never the case id, nothing about the citizen, the same whether the CPR number is known or not. 429 beyond the limits per address (a minute) and per municipality (an hour).
         */
        post: operations["PublicReferralsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/first-contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A public referral awaiting consent: the citizen was reached. consented → the consents are recorded and the case is routed as any new one (status submitted); declined → cancelled and erased at once. A brobygger of the case’s area or a coordinator (404 for anyone else); 409 once decided. */
        post: operations["FirstContactController_firstContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/spam": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a public referral awaiting consent as spam: closed as rejected and erased at once; 409 once decided */
        post: operations["FirstContactController_spam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/citizen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A public referral without a CPR number is about a citizen Bro knows: the coordinator joins them (never automatic)
         * @description By `citizenId` or `cpr` (one of them). The referral becomes the known citizen’s, the form’s details are kept as reported details (never written over theirs), and the CPR-less duplicate is erased. With an open case of theirs the referral is held as a possible duplicate of it; otherwise it keeps awaiting consent. 404 for a referral or citizen that is not there or of another municipality (never told apart); 409 unless the referral awaits consent and was made without a CPR number. Audited.
         */
        post: operations["FirstContactController_joinCitizen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality’s organisations */
        get: operations["DirectoryController_listOrganisations"];
        put?: never;
        /** Add an organisation (forening, volunteer centre, the municipality itself) */
        post: operations["DirectoryController_createOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search offers by area, category and text; stale entries are flagged */
        get: operations["DirectoryController_listOffers"];
        put?: never;
        /** Add an offer (tilbud) */
        post: operations["DirectoryController_createOffer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One offer */
        get: operations["DirectoryController_getOffer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an offer; `verified: true` records that it was just checked */
        patch: operations["DirectoryController_updateOffer"];
        trace?: never;
    };
    "/v1/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow-ups by view (due_today, overdue, escalated, upcoming), paged, by due time */
        get: operations["FollowUpsController_list"];
        put?: never;
        /** Add a follow-up to a case (the assigned brobygger or a coordinator) */
        post: operations["FollowUpsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/follow-ups/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a follow-up done; a measurement (measurement_3m, measurement_9m) with the WHO-5/UCLA-3 answers or as declined/unreachable, also after the case has closed */
        post: operations["FollowUpsController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/queues/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts for the caller’s scope; for coordinators also caseload per brobygger and per area */
        get: operations["FollowUpsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s own messages (referrer milestones, follow-up reminders), newest first */
        get: operations["NotificationsController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/undelivered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality’s e-mails that could not be delivered (`failed`, the `undeliveredMessages` count) or are still being retried (`pending`), with attempts and the last error code */
        get: operations["NotificationsController_undelivered"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/citizens/{id}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who read or changed this citizen’s data, when and why (the citizen’s right to know) */
        get: operations["CitizensController_accessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/citizens/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything Bro holds on this citizen, as JSON (the right of access); itself audited */
        get: operations["CitizensController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reference/reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fixed list of referral reasons, with Danish and English labels (no login needed) */
        get: operations["ReferenceController_reasons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reference/wheel-domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The life domains of Samtalehjulet (the conversation wheel), scored 1–10 */
        get: operations["ReferenceController_wheelDomains"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reference/postcodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The postcodes the caller’s municipality has put in an area, so a referral form can warn (softly) about an address outside them; such a referral is still accepted and waits for a coordinator */
        get: operations["ReferenceController_postcodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fhir/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The CapabilityStatement: exactly what /fhir supports */
        get: operations["FhirController_metadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fhir": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A transaction Bundle of Patient, ServiceRequest and Consent into intake; answers a transaction-response with the Task location. A ServiceRequest.identifier seen before gets the same answer. */
        post: operations["FhirController_transaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fhir/Task": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search Tasks: _id, patient, status, code, requester, focus=ServiceRequest/<id>, _lastUpdated=gt<instant> (polling), _count and _offset (total and a next link). Unknown parameters are ignored unless Prefer: handling=strict. */
        get: operations["FhirController_searchTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fhir/Task/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The closed-loop Task of a referral, cut to what the caller may see */
        get: operations["FhirController_task"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fhir/ServiceRequest/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ServiceRequest of a referral, cut to what the caller may see */
        get: operations["FhirController_serviceRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The HSDS version and profile of this feed (HSDS-UK-3.0), read first by the ORUK validator (public) */
        get: operations["OpenReferralController_info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active offers as Open Referral UK services, paged; search, modified_after, organization_id, taxonomy_term_id (public) */
        get: operations["OpenReferralController_services"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One active offer as an Open Referral UK service (public) */
        get: operations["OpenReferralController_service"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations with an active offer as Open Referral UK organizations, paged (public) */
        get: operations["OpenReferralController_organizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organisation with an active offer, with its services (public) */
        get: operations["OpenReferralController_organization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/taxonomies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The taxonomy of offer categories (public) */
        get: operations["OpenReferralController_taxonomies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/taxonomies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The taxonomy of offer categories with its terms (public) */
        get: operations["OpenReferralController_taxonomy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/taxonomy_terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The offer categories as taxonomy terms, paged (public) */
        get: operations["OpenReferralController_taxonomyTerms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openreferral/taxonomy_terms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One offer category as a taxonomy term (public) */
        get: operations["OpenReferralController_taxonomyTerm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referrals per month by reason and per area, days to first contact, outcomes, WHO-5/UCLA-3 change — only over cases whose consent allows statistics */
        get: operations["StatisticsController_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/council": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The council report for a period and optionally one area: referrals by source (organisation kind), reason, area and month; working days to first contact and first conversation; share bridged and still continuing at 3 months; WHO-5/UCLA-3 change with 95 % CI, also 3 and 9 months after the first conversation; outcomes; the method. Only cases with the statistics consent; no cell under 5 citizens (null with suppressed: true, "< 5" in CSV/PDF) and complementary suppression. 422 if from is after to, the period is longer than five years or the area is not the municipality’s. */
        get: operations["ReportsController_council"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/places": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The meeting places (Havehuset, the care centre, “hjemme hos borgeren”, “telefon” …) */
        get: operations["PlacesController_list"];
        put?: never;
        /** Add a meeting place (coordinators); 409 if the name is taken */
        post: operations["PlacesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/places/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a meeting place, or retire it (active: false) */
        patch: operations["PlacesController_update"];
        trace?: never;
    };
    "/v1/referrals/{id}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case’s appointments, soonest first */
        get: operations["AppointmentsController_ofCase"];
        put?: never;
        /** Book a conversation on the case’s brobygger’s time; 409 naming the clash (another appointment, a registered absence). On an assigned case, booking counts as reaching the citizen (contacted). */
        post: operations["AppointmentsController_book"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/citizen-copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** “Min samtale og min plan” as data, for the print-friendly page (no CPR, notes or scores) */
        get: operations["AppointmentsController_citizenCopy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/plan.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** “Min samtale og min plan”: the citizen’s own copy as a PDF in Danish */
        get: operations["AppointmentsController_planPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Appointments starting in [from, to) (at most 62 days): one’s own; coordinators the municipality’s or one brobygger’s */
        get: operations["AppointmentsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One appointment (the conversation form is pre-filled from it) */
        get: operations["AppointmentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Move a booked appointment (time, length, place); 409 naming a clash */
        patch: operations["AppointmentsController_move"];
        trace?: never;
    };
    "/v1/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a booked appointment, with a reason */
        post: operations["AppointmentsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}/letter.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reminder as a letter to print, for a citizen without SMS */
        get: operations["AppointmentsController_letter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/calendar-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or rotate one’s calendar feed: returns { url }; the previous URL stops working */
        post: operations["CalendarController_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The feed (`/v1/calendar/<token>.ics`): time, place and the citizen’s initials only; 404 once rotated */
        get: operations["CalendarController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{id}/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The offer’s hosts */
        get: operations["CommunityController_listHosts"];
        put?: never;
        /** Add a host (vært) who receives citizens at the offer */
        post: operations["CommunityController_createHost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{id}/hosts/{hostId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a host from the offer (hand-offs already sent keep naming them) */
        delete: operations["CommunityController_removeHost"];
        options?: never;
        head?: never;
        /** Change a host */
        patch: operations["CommunityController_updateHost"];
        trace?: never;
    };
    "/v1/companions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Følgevenner: all for coordinators, those of their areas for brobyggere */
        get: operations["CommunityController_listCompanions"];
        put?: never;
        /** Add a følgeven (volunteer who goes along to the first visit) */
        post: operations["CommunityController_createCompanion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a følgeven; `active: false` takes them out of new hand-offs */
        patch: operations["CommunityController_updateCompanion"];
        trace?: never;
    };
    "/v1/referrals/{id}/plan/steps/{stepId}/handover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a plan step to its host or følgeven: they get a link by mail (409 without the citizen’s consent share_with_host; nothing is sent) */
        post: operations["CommunityController_handover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/handovers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case’s hand-offs: to whom, when, opened, answered, revoked */
        get: operations["CommunityController_handoversOfCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/community/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per association: hand-offs sent, answered, attended and continuing */
        get: operations["CommunityController_figures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/handover/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hand-off page’s data: first name, offer, first visit, følgeven, message (public, by link) */
        get: operations["HandoverLinkController_open"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/handover/{token}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The host’s or følgeven’s answer: attended, did_not_attend, continuing or cannot_receive (public, by link) */
        post: operations["HandoverLinkController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offer-check/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The offer a check asks about (public, by link) */
        get: operations["HandoverLinkController_offerCheck"];
        put?: never;
        /** Confirm the offer runs (free places, schedule) or say it does not: that pauses it (public, by link) */
        post: operations["HandoverLinkController_answerOfferCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DevAuthConfig: {
            /** @enum {string} */
            mode: "dev";
        };
        OidcAuthConfig: {
            /** @enum {string} */
            mode: "oidc";
            issuer: string;
            /** @description The audience of the tokens */
            clientId: string;
            scope: string;
        };
        DevTokenDto: {
            /** @example koordinator.mette */
            username: string;
        };
        DevToken: {
            accessToken: string;
        };
        Me: {
            /** Format: uuid */
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: "referrer" | "brobygger" | "coordinator" | "gateway";
            /** Format: uuid */
            municipalityId: string;
            /** @description A referrer’s clinic or organisation */
            organisation: string | null;
            /** @enum {string|null} */
            organisationKind: "gp" | "hospital" | "municipal_health" | "social_services" | "job_centre" | "psychiatry" | "civil_society" | "citizen_or_relative" | "other" | null;
        };
        MedcomOrganisation: {
            name: string | null;
            /** @description SOR code */
            sor: string | null;
            /** @description GLN/EAN location number */
            gln: string | null;
        };
        MedcomSegment: {
            /** @description Line breaks kept as \n */
            text: string;
            author: string | null;
            authorContact: string | null;
            /** @example 2024-05-01T12:00:00+02:00 */
            date: string;
        };
        MedcomAttachment: {
            title: string;
            author: string | null;
            creation: string | null;
            url?: string;
            contentType?: string;
            /** @description The content carried in the message, as a file */
            downloadUrl?: string;
        };
        MedcomThreadMessage: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            direction: "in" | "out";
            /** @enum {string} */
            kind: "new" | "reply" | "forward";
            /** @example regarding-referral */
            category: string;
            /** @description The category in Danish (Vedr. henvisning …) */
            categoryText: string;
            topic: string | null;
            /** @enum {string} */
            priority?: "asap";
            sender: components["schemas"]["MedcomOrganisation"];
            recipient: components["schemas"]["MedcomOrganisation"];
            segments: components["schemas"]["MedcomSegment"][];
            attachments: components["schemas"]["MedcomAttachment"][];
            /** @description Outbound: the receiver’s Acknowledgement said ok */
            acknowledged?: boolean;
            /** @enum {string} */
            deliveryStatus?: "pending" | "delivered" | "acknowledged" | "failed" | "invalid" | "withheld";
            /** Format: date-time */
            createdAt: string;
        };
        MedcomThread: {
            items: components["schemas"]["MedcomThreadMessage"][];
        };
        ReplyMessageDto: {
            /** @description Free text; line breaks (\n) are kept, no other control characters */
            text: string;
        };
        MedcomReplyQueued: {
            /**
             * Format: uuid
             * @description The outbound message in the thread
             */
            id: string;
            /** Format: uuid */
            referralId: string;
            /**
             * Format: uuid
             * @description The incoming message answered
             */
            inReplyTo: string;
            /** @enum {string} */
            kind: "reply";
            /** @enum {string} */
            deliveryStatus: "pending";
        };
        MedcomInboxItem: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "new" | "reply" | "forward";
            category: string;
            topic: string | null;
            sender: components["schemas"]["MedcomOrganisation"];
            /** @description Who the message is about, as the sender named them */
            patientName: string | null;
            /** Format: date-time */
            receivedAt: string;
            segments: number;
            attachments: number;
        };
        MedcomInbox: {
            items: components["schemas"]["MedcomInboxItem"][];
            total: number;
        };
        AttachMessageDto: {
            /** Format: uuid */
            referralId: string;
        };
        MedcomAttached: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            referralId: string;
        };
        MedcomClinic: {
            organisation: string;
            sor: string;
            gln: string;
        };
        MedcomClinicList: {
            items: components["schemas"]["MedcomClinic"][];
            total: number;
        };
        PutClinicDto: {
            /** @example Lægehuset Algade */
            organisation: string;
            /** @example 265101000016002 */
            sor: string;
            /** @example 5790001234010 */
            gln: string;
        };
        MedcomIdentity: {
            /** @description SOR code */
            sor: string | null;
            /** @description GLN/EAN location number */
            gln: string | null;
            name: string | null;
        };
        MunicipalitySettings: {
            /** Format: uuid */
            id: string;
            /** @description The official municipality code, e.g. 265 */
            code: string;
            name: string;
            /** @example Europe/Copenhagen */
            timeZone: string;
            firstContactWorkingDays: number;
            followUpCallDays: number;
            reviewDays: number;
            escalateAfterWorkingDays: number;
            measurement3mWorkingDays: number;
            measurement9mWorkingDays: number;
            retentionYears: number;
            /** @description Months between checks that an offer with a host still runs (ADR 0026) */
            offerCheckMonths: number;
            /** @enum {string} */
            recordKeeping: "none" | "after_contact" | "always";
            medcom: components["schemas"]["MedcomIdentity"];
        };
        MedcomIdentityDto: {
            /**
             * @description SOR code (6–18 digits)
             * @example 953741000016009
             */
            sor?: string | null;
            /**
             * @description GLN/EAN location number (13 digits)
             * @example 5790001348120
             */
            gln?: string | null;
            /** @example Roskilde Kommune, Social henvisning */
            name?: string | null;
        };
        UpdateMunicipalitySettingsDto: {
            /**
             * @description IANA time zone for due times and working days
             * @example Europe/Copenhagen
             */
            timeZone?: string;
            /** @description Working days from assignment to the first contact deadline */
            firstContactWorkingDays?: number;
            /** @description Days from a conversation to the follow-up call */
            followUpCallDays?: number;
            /** @description Days from a conversation to the review */
            reviewDays?: number;
            /** @description Working days overdue before a follow-up is escalated */
            escalateAfterWorkingDays?: number;
            /** @description Working days from the first conversation to the WHO-5/UCLA-3 measurement "3 months on" (63 ≈ a quarter of a year) */
            measurement3mWorkingDays?: number;
            /** @description Working days from the first conversation to the WHO-5/UCLA-3 measurement "9 months on" (189 ≈ three quarters of a year) */
            measurement9mWorkingDays?: number;
            /** @description Years a closed case is kept before the nightly erasure */
            retentionYears?: number;
            /**
             * @description Whether a case whose consent is withdrawn is kept (restricted) or erased
             * @enum {string}
             */
            recordKeeping?: "none" | "after_contact" | "always";
            /** @description Months between the checks mailed to an offer’s host (issue 16) */
            offerCheckMonths?: number;
            /** @description The MedCom identity: SOR code, GLN location number, name (ADR 0028) */
            medcom?: components["schemas"]["MedcomIdentityDto"];
        };
        CreateAreaDto: {
            /** @example Viby og Gadstrup */
            name: string;
            /**
             * @description Four-digit postcodes; each in at most one area of the municipality
             * @example [
             *       "4130",
             *       "4621"
             *     ]
             */
            postcodes: string[];
        };
        Area: {
            /** Format: uuid */
            id: string;
            name: string;
            postcodes: string[];
        };
        AreaPage: {
            items: components["schemas"]["Area"][];
            /** @description All matches, not only this page */
            total: number;
        };
        UpdateAreaDto: {
            name?: string;
            /** @description Replaces the area’s postcodes */
            postcodes?: string[];
        };
        CreateUserDto: {
            /** @example laege.holm */
            username: string;
            /** @example Dr. Peter Holm */
            displayName: string;
            /**
             * @description Brobyggere are created with POST /v1/brobyggere
             * @enum {string}
             */
            role: "referrer" | "coordinator";
            /**
             * @description The referrer’s organisation, e.g. the GP clinic
             * @example Lægehuset Algade
             */
            organisation?: string;
            /**
             * @description What kind of organisation the referrer works for (the council report counts referrals by it, never by clinic)
             * @default gp
             * @enum {string}
             */
            organisationKind: "gp" | "hospital" | "municipal_health" | "social_services" | "job_centre" | "psychiatry" | "civil_society" | "citizen_or_relative" | "other";
        };
        AdminUser: {
            /** Format: uuid */
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: "referrer" | "brobygger" | "coordinator" | "gateway";
            /** Format: uuid */
            municipalityId: string;
            /** @description A referrer’s clinic or organisation */
            organisation: string | null;
            /** @enum {string|null} */
            organisationKind: "gp" | "hospital" | "municipal_health" | "social_services" | "job_centre" | "psychiatry" | "civil_society" | "citizen_or_relative" | "other" | null;
            /** @description false: no sign-in from the next request */
            active: boolean;
        };
        AdminUserPage: {
            items: components["schemas"]["AdminUser"][];
            /** @description All matches, not only this page */
            total: number;
        };
        UpdateUserDto: {
            /** @description false: the person can no longer sign in or use a token already issued (from the next request); a brobygger also gets no new cases and their open cases go back to the unassigned queue. true: may sign in again. */
            active?: boolean;
            /** @example Dr. Peter Holm */
            displayName?: string;
            /**
             * @description A referrer’s organisation
             * @example Lægehuset Algade
             */
            organisation?: string;
        };
        CreateBrobyggerDto: {
            /** @example brobygger.anna */
            username: string;
            /** @example Anna Kristensen */
            displayName: string;
            areaIds: string[];
            /** @description The most active cases this brobygger takes */
            capacity: number;
            /**
             * @description ISO 639-1 codes; default ["da"]
             * @example [
             *       "da",
             *       "en"
             *     ]
             */
            languages?: string[];
        };
        Brobygger: {
            /**
             * Format: uuid
             * @description The brobygger id (not the user id)
             */
            id: string;
            /** Format: uuid */
            userId: string;
            username: string;
            displayName: string;
            areaIds: string[];
            capacity: number;
            activeCases: number;
            languages: string[];
            /** Format: date */
            absentFrom: string | null;
            /** Format: date */
            absentTo: string | null;
            active: boolean;
        };
        UpdateBrobyggerDto: {
            /** @description May be lowered below the current load: no new cases until below */
            capacity?: number;
            areaIds?: string[];
            languages?: string[];
            /**
             * Format: date
             * @description First day of absence; null clears it
             */
            absentFrom?: Record<string, never> | null;
            /**
             * Format: date
             * @description Last day of absence; null clears it
             */
            absentTo?: Record<string, never> | null;
            /** @description false: no new cases, and open cases go back to the unassigned queue. The person can still sign in; PATCH /v1/users/:id {active: false} stops that */
            active?: boolean;
        };
        BrobyggerPage: {
            items: components["schemas"]["Brobygger"][];
            /** @description All matches, not only this page */
            total: number;
        };
        PostalAddress: {
            street: string | null;
            postcode: string | null;
            city: string | null;
        };
        CaseCitizen: {
            /** Format: uuid */
            id: string;
            /** @description Masked, DDMMYY-**** */
            cpr: string | null;
            name: string;
            phone: string | null;
            email: string | null;
            address: components["schemas"]["PostalAddress"];
            language: string | null;
            contactPreferences: {
                [key: string]: unknown;
            } | null;
            addressProtected: boolean;
        };
        CaseAreaRef: {
            /** Format: uuid */
            id: string;
            name: string | null;
        };
        CaseAssignee: {
            /**
             * Format: uuid
             * @description The brobygger id
             */
            id: string;
            /** Format: uuid */
            userId: string;
            displayName: string | null;
        };
        CaseRef: {
            /** Format: uuid */
            id: string;
            status: string;
        };
        ReferrerRef: {
            /** Format: uuid */
            id: string;
            displayName: string | null;
            organisation: string | null;
        };
        PublicReferralFacts: {
            reference: string;
            /** @enum {string} */
            referrerKind: "relative" | "association" | "professional" | "self";
            citizenKnows: boolean;
        };
        ConsentRecord: {
            scope: string;
            /** @description A level for referrer_feedback */
            value: boolean | ("none" | "status" | "summary");
            method: string;
            /** Format: date-time */
            capturedAt: string;
            /** Format: uuid */
            capturedBy: string | null;
            /** Format: uuid */
            referralId: string | null;
            /** Format: uuid */
            referralLinkId: string | null;
        };
        CaseConsents: {
            referral?: boolean;
            /** @enum {string} */
            referrerFeedback: "none" | "status" | "summary";
            shareWithHost: boolean;
            sms: boolean;
            statistics: boolean;
            /** @description Every consent given or withdrawn, oldest first */
            history?: components["schemas"]["ConsentRecord"][];
        };
        StatusChange: {
            from: string | null;
            to: string;
            /** Format: date-time */
            at: string;
        };
        OtherContact: {
            service: string;
            person?: string;
            phone?: string;
        };
        ContactAttempt: {
            outcome: string;
            channel: string;
            /** Format: date-time */
            attemptedAt: string;
            /** @description Free text: only where the case’s notes are disclosed */
            note?: string | null;
        };
        Conversation: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** Format: date-time */
            heldAt: string;
            durationMinutes: number;
            location?: string;
            /** @description Life domain → 1–10 */
            wheel: {
                [key: string]: number;
            } | null;
            who5: number[] | null;
            who5Score: number | null;
            ucla3: number[] | null;
            ucla3Score: number | null;
            notes?: string | null;
            whatMatters?: string | null;
            wishes?: string | null;
            wantToTry?: string | null;
        };
        Measure: {
            /** Format: date-time */
            at: string;
            who5Score: number | null;
            ucla3Score: number | null;
        };
        MeasureChange: {
            who5: number | null;
            ucla3: number | null;
        };
        CaseOutcomes: {
            baseline: components["schemas"]["Measure"] | null;
            latest: components["schemas"]["Measure"] | null;
            change: components["schemas"]["MeasureChange"] | null;
        };
        PlanStepOffer: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            status: "active" | "paused";
            freePlaces: number | null;
            companionAvailable: boolean;
            acceptsSpecialNeeds: boolean;
            noFreePlaces: boolean;
            paused: boolean;
        };
        PlanStep: {
            /**
             * Format: uuid
             * @description Stable across plan versions; hand-offs name it (ADR 0026)
             */
            id?: string;
            description?: string;
            /** Format: uuid */
            offerId?: string;
            /**
             * Format: uuid
             * @description A host of the step’s offer
             */
            hostId?: string;
            /**
             * Format: uuid
             * @description The følgeven who goes along
             */
            companionId?: string;
            /** Format: date-time */
            dueAt?: string;
            companion?: boolean;
            host?: string;
            transport?: string;
            status?: string;
            offer?: components["schemas"]["PlanStepOffer"];
        };
        PlanVersion: {
            version: number;
            /** Format: uuid */
            changedBy: string | null;
            /** Format: date-time */
            changedAt: string;
        };
        Plan: {
            /** @description Free text: only where the case’s notes are disclosed */
            goals?: string[];
            steps: components["schemas"]["PlanStep"][];
            version: number;
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            updatedBy: string | null;
            history?: components["schemas"]["PlanVersion"][];
        };
        MeasurementResult: {
            result: string;
            who5Score: number | null;
            ucla3Score: number | null;
        };
        FollowUpCitizen: {
            /** Format: uuid */
            id: string;
            name: string | null;
            /** @description Masked, DDMMYY-**** */
            cpr: string | null;
        };
        FollowUpAssignee: {
            /** Format: uuid */
            id: string;
            displayName: string | null;
        };
        FollowUp: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            referralId: string;
            kind: string;
            /** Format: date-time */
            dueAt: string;
            status: string;
            /**
             * Format: uuid
             * @description The brobygger id
             */
            assigneeId: string | null;
            /** Format: date-time */
            overdueSince?: string;
            escalated: boolean;
            /** @description Only where the case’s notes are disclosed to the caller */
            note?: string | null;
            measurement?: components["schemas"]["MeasurementResult"];
            /** @description Whom the task is about, for callers who may see the case */
            citizen?: components["schemas"]["FollowUpCitizen"];
            /** @description Who holds it, for callers who may see the case */
            assignee?: components["schemas"]["FollowUpAssignee"] | null;
        };
        LinkedReferral: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            referralId?: string;
            referrer: components["schemas"]["ReferrerRef"];
            reasons: string[];
            note?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            confirmedAt?: string | null;
            /** @enum {string} */
            referrerFeedback?: "none" | "status" | "summary";
        };
        ReportedDetails: {
            /** Format: uuid */
            id: string;
            organisation: string | null;
            referrer: components["schemas"]["ReferrerRef"];
            /** Format: date-time */
            at: string;
            name?: string;
            phone?: string;
            email?: string;
            address?: components["schemas"]["PostalAddress"];
            language?: string;
            contactPreferences?: {
                [key: string]: unknown;
            };
        };
        PossibleDuplicate: {
            /** Format: uuid */
            id: string;
            referrer: components["schemas"]["ReferrerRef"];
            reasons: string[];
            note: string | null;
            /** Format: date-time */
            createdAt: string;
            reportedDetails: components["schemas"]["ReportedDetails"][];
        };
        DuplicateDecision: {
            /** @enum {string|null} */
            decision: "confirmed" | "rejected" | null;
            /** Format: date-time */
            decidedAt: string | null;
            decidedBy?: components["schemas"]["ReferrerRef"] | null;
            note: string | null;
        };
        FullCase: {
            /** Format: uuid */
            id: string;
            status: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            citizen: components["schemas"]["CaseCitizen"];
            /** @description Restricted (ADR 0013): reading it takes X-Access-Reason */
            restricted?: boolean;
            reasons: string[];
            area: components["schemas"]["CaseAreaRef"] | null;
            assignee: components["schemas"]["CaseAssignee"] | null;
            unassignedReason?: string;
            needsAttention?: boolean;
            /** @description A possible duplicate (or one decided): the open case it concerns */
            duplicateOf?: components["schemas"]["CaseRef"];
            /** @description Absent while a public referral awaits consent (ADR 0030) */
            referrer?: components["schemas"]["ReferrerRef"];
            /** @description Free text: only where the case’s notes are disclosed */
            note?: string | null;
            /** Format: date-time */
            closedAt: string | null;
            publicReferral?: components["schemas"]["PublicReferralFacts"] | null;
            areaOverridden: boolean;
            outcome?: string;
            summary?: string;
            summaryApprovedByCitizen?: boolean;
            consents: components["schemas"]["CaseConsents"];
            statusHistory: components["schemas"]["StatusChange"][];
            considerUnreachable: boolean;
            /** @description What a client may offer; each command is checked again */
            nextActions: ("assign" | "contact_attempt" | "first_conversation" | "follow_up_conversation" | "plan" | "hold" | "resume" | "close" | "reopen" | "decide_duplicate" | "first_contact" | "reject_spam")[];
            otherContacts?: components["schemas"]["OtherContact"][];
            responsibleContact?: string | null;
            contactAttempts: components["schemas"]["ContactAttempt"][];
            conversations: components["schemas"]["Conversation"][];
            outcomes?: components["schemas"]["CaseOutcomes"];
            plan: components["schemas"]["Plan"] | null;
            followUps: components["schemas"]["FollowUp"][];
            linkedReferrals: components["schemas"]["LinkedReferral"][];
            possibleDuplicates?: components["schemas"]["PossibleDuplicate"][];
            reportedDetails?: components["schemas"]["ReportedDetails"][];
            duplicate?: components["schemas"]["DuplicateDecision"];
        };
        ReferrerMilestone: {
            status: string;
            /** Format: date-time */
            at: string;
            outcome?: string;
        };
        ReferredCitizen: {
            name: string | null;
            /** @description Masked, DDMMYY-**** */
            cpr: string | null;
        };
        ReferrerView: {
            /** Format: uuid */
            id: string;
            /** @description The latest milestone the consent level shows */
            status: string;
            milestones: components["schemas"]["ReferrerMilestone"][];
            /** @description Only at feedback level `summary`, approved by the citizen */
            summary?: string;
            /** @description In lists: whom this referrer referred, in their own words (ADR 0024) */
            citizen?: components["schemas"]["ReferredCitizen"];
            /** @description In lists: the reasons this referrer gave */
            reasons?: string[];
        };
        CaseCitizenRef: {
            /** Format: uuid */
            id: string;
            /** @description null on a restricted case */
            name: string | null;
            /** @description Masked, DDMMYY-**** */
            cpr: string | null;
            /** @description Name-and-address protection (absent on a restricted case) */
            addressProtected?: boolean;
        };
        ReferringOrganisation: {
            /**
             * Format: uuid
             * @description The referrer’s user id
             */
            id: string;
            organisation: string | null;
        };
        CaseSummary: {
            /** Format: uuid */
            id: string;
            status: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            citizen: components["schemas"]["CaseCitizenRef"];
            /** @description Restricted (ADR 0013): reading it takes X-Access-Reason */
            restricted?: boolean;
            reasons: string[];
            area: components["schemas"]["CaseAreaRef"] | null;
            assignee: components["schemas"]["CaseAssignee"] | null;
            unassignedReason?: string;
            needsAttention?: boolean;
            /** @description A possible duplicate (or one decided): the open case it concerns */
            duplicateOf?: components["schemas"]["CaseRef"];
            /** @description With duplicateOf: the clinic that sent it (ADR 0014) */
            referrer?: components["schemas"]["ReferringOrganisation"];
        };
        CaseSummaryPage: {
            items: components["schemas"]["CaseSummary"][];
            /** @description All matches, not only this page */
            total: number;
        };
        ReferrerViewPage: {
            items: components["schemas"]["ReferrerView"][];
            /** @description All matches, not only this page */
            total: number;
        };
        AddressDto: {
            /** @example Algade 1 */
            street: string;
            /** @example 4000 */
            postcode: string;
            /** @example Roskilde */
            city: string;
        };
        ContactPreferencesDto: {
            /** @enum {string} */
            preferred?: "phone" | "sms" | "email" | "letter";
            /** @description Channels the citizen does not want to be contacted by */
            doNotContactBy?: ("phone" | "sms" | "email" | "letter")[];
        };
        CitizenInputDto: {
            /**
             * @description CPR number, DDMMYYSSSS or DDMMYY-SSSS; never shown again unmasked
             * @example 0101451234
             */
            cpr: string;
            /** @example Inger Jensen */
            name: string;
            /** @example +4520123456 */
            phone?: string;
            /** @example inger@example.dk */
            email?: string;
            address: components["schemas"]["AddressDto"];
            /**
             * @description ISO 639-1 code of the language the citizen prefers
             * @example da
             */
            language?: string;
            contactPreferences?: components["schemas"]["ContactPreferencesDto"];
            /**
             * @description Navne- og adressebeskyttelse: the citizen’s address and phone are then shown only to coordinators and the brobygger who holds the case — never in lists, to other brobyggere, or in FHIR output. Once marked, a later referral without the marking does not lift it. FHIR: Patient.meta.security R (v3-Confidentiality), as DK Core.
             * @default false
             */
            addressProtected: boolean;
        };
        ConsentInputDto: {
            /** @description The citizen consents to be referred and contacted. Must be true. */
            referral: boolean;
            /**
             * @default none
             * @enum {string}
             */
            referrerFeedback: "none" | "status" | "summary";
            /** @default false */
            shareWithHost: boolean;
            /** @default false */
            sms: boolean;
            /** @default true */
            statistics: boolean;
            /** @enum {string} */
            method: "verbal" | "written" | "digital";
        };
        CreateReferralDto: {
            citizen: components["schemas"]["CitizenInputDto"];
            /**
             * @example [
             *       "loneliness",
             *       "low_wellbeing"
             *     ]
             */
            reasons: ("loneliness" | "bereavement" | "low_wellbeing" | "stress_or_anxiety" | "physical_inactivity" | "life_transition" | "unemployment" | "other")[];
            note?: string;
            consent: components["schemas"]["ConsentInputDto"];
        };
        SubmittedReferral: {
            /**
             * Format: uuid
             * @description The new referral, or — `linked` — the clinic’s own open case
             */
            id: string;
            status: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Only for the same clinic’s own open case */
            linked?: boolean;
        };
        Object: Record<string, never>;
        SearchReferralsDto: {
            /**
             * @description The citizen’s CPR number (DDMMYYSSSS or DDMMYY-SSSS), matched by its keyed hash
             * @example 0101451234
             */
            cpr: string;
        };
        AssignDto: {
            /**
             * Format: uuid
             * @description The brobygger’s id (not their user id)
             */
            brobyggerId: string;
        };
        Assigned: {
            /** Format: uuid */
            id: string;
            status: string;
            /**
             * Format: uuid
             * @description The brobygger id
             */
            assigneeId: string;
        };
        CaseState: {
            /** Format: uuid */
            id: string;
            status: string;
        };
        SetAreaDto: {
            /**
             * Format: uuid
             * @description The area the case belongs to, overriding the one derived from the postcode
             */
            areaId: string;
        };
        AreaSet: {
            /** Format: uuid */
            id: string;
            status: string;
            /** Format: uuid */
            areaId: string;
        };
        ContactAttemptDto: {
            /** @enum {string} */
            outcome: "reached" | "no_answer" | "declined";
            /**
             * @default phone
             * @enum {string}
             */
            channel: "phone" | "sms" | "email" | "letter" | "in_person";
            /** @description When the attempt was made, if not now (e.g. logged afterwards); never in the future */
            attemptedAt?: string;
            note?: string;
        };
        ContactAttemptLogged: {
            /** Format: uuid */
            id: string;
            status: string;
            outcome: string;
            /** @description Enough failed attempts to consider the citizen unreachable */
            considerUnreachable: boolean;
        };
        ConversationDto: {
            /** @example 2026-11-20T10:00:00+01:00 */
            heldAt: string;
            durationMinutes: number;
            /** @example Havehuset */
            location: string;
            /** @enum {string} */
            kind: "first" | "follow_up" | "phone";
            /**
             * Format: uuid
             * @description The booked appointment this conversation was held at: it becomes held
             */
            appointmentId?: string;
            /**
             * @description Samtalehjulet: { <domain>: 1..10 }
             * @example {
             *       "health": 6,
             *       "relations": 3
             *     }
             */
            wheel?: Record<string, never>;
            notes?: string;
            /** @description "Min samtale": what matters to me */
            whatMatters?: string;
            /** @description "Min samtale": my dreams and wishes */
            wishes?: string;
            /** @description "Min samtale": what I want to try */
            wantToTry?: string;
            /** @description WHO-5: five items 0–5 */
            who5?: number[];
            /** @description UCLA-3: three items 1–3 */
            ucla3?: number[];
        };
        RecordedConversation: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** @description The case’s status after it */
            status: string;
            who5Score: number | null;
            ucla3Score: number | null;
        };
        PlanStepDto: {
            /**
             * Format: uuid
             * @description The step’s stable id: send it back to keep the step (and its hand-offs) across plan versions; new steps get one
             */
            id?: string;
            /**
             * Format: uuid
             * @description A host (vært) of the step’s offer who receives the citizen
             */
            hostId?: string;
            /**
             * Format: uuid
             * @description The følgeven who goes along to the first visit
             */
            companionId?: string;
            description: string;
            /**
             * Format: uuid
             * @description The offer (tilbud) this step bridges to
             */
            offerId?: string;
            /** Format: date-time */
            dueAt?: string;
            /** @description A companion (følgeven) goes along to the first visit */
            companion?: boolean;
            /** @description The named host (vært) who receives the citizen */
            host?: string;
            /**
             * @description Who arranges transport to the first visit
             * @enum {string}
             */
            transport?: "citizen" | "brobygger" | "companion" | "organisation" | "none";
            /**
             * @default planned
             * @enum {string}
             */
            status: "planned" | "contacted_offer" | "first_visit_booked" | "attended" | "continuing" | "did_not_attend" | "cannot_receive" | "dropped";
        };
        PlanDto: {
            /**
             * @example [
             *       "Komme ud blandt andre en gang om ugen"
             *     ]
             */
            goals: string[];
            steps: components["schemas"]["PlanStepDto"][];
        };
        OtherContactDto: {
            /** @example Alkoholbehandlingen */
            service: string;
            person?: string;
            phone?: string;
        };
        OtherContactsDto: {
            /** @description The citizen’s other municipal contacts */
            otherContacts: components["schemas"]["OtherContactDto"][];
            /** @description Who holds responsibility for the ongoing contact */
            responsibleContact?: string;
        };
        OtherContacts: {
            otherContacts: components["schemas"]["OtherContact"][];
            responsibleContact: string | null;
        };
        ChangeConsentDto: {
            /** @enum {string} */
            scope: "referral" | "referrer_feedback" | "share_with_host" | "sms" | "statistics";
            /** @description true/false; for referrer_feedback one of none, status, summary */
            value: boolean | ("none" | "status" | "summary");
            /** @enum {string} */
            method: "verbal" | "written" | "digital";
        };
        ConsentChanged: {
            /** Format: uuid */
            id: string;
            status: string;
            /** @enum {string} */
            scope: "referral" | "referrer_feedback" | "share_with_host" | "sms" | "statistics";
            value: boolean | ("none" | "status" | "summary");
            erased: boolean;
            restricted: boolean;
        };
        HoldDto: {
            /**
             * @description Why the case pauses; seen by casework staff only
             * @example Indlagt på hospitalet
             */
            reason: string;
        };
        CloseDto: {
            /** @enum {string} */
            outcome: "goal_reached" | "declined" | "unreachable" | "moved" | "other";
            /** @description A short summary for the referrer, if the citizen approves it */
            summary?: string;
            /**
             * @description The citizen has read and approved the summary
             * @default false
             */
            summaryApprovedByCitizen: boolean;
        };
        Closed: {
            /** Format: uuid */
            id: string;
            status: string;
            outcome: string;
        };
        ReopenDto: {
            /**
             * @description Why the case is reopened; seen by casework staff only
             * @example Borgeren ringede og vil gerne videre
             */
            reason: string;
        };
        DuplicateDecisionDto: {
            /**
             * @description confirm: the referral joins the citizen’s open case (or, if none is open any more, is routed as a new case); reject: it is closed as rejected
             * @enum {string}
             */
            decision: "confirm" | "reject";
            /**
             * @description Why; seen by staff only, erased with the referral
             * @example Talt med borgeren
             */
            note?: string;
        };
        DuplicateDecided: {
            /** Format: uuid */
            id: string;
            status: string;
            /** @enum {string} */
            decision: "confirm" | "reject";
            /**
             * Format: uuid
             * @description Confirmed: the open case it was linked to
             */
            duplicateOf?: string;
        };
        ReportedDetailsDecisionDto: {
            /**
             * Format: uuid
             * @description The id of one entry of the case’s `reportedDetails`
             */
            detailId: string;
            /**
             * @description accept: the reported fields replace the citizen’s; ignore: they stay as they are
             * @enum {string}
             */
            decision: "accept" | "ignore";
        };
        ReportedDetailsDecided: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            decision: "accepted" | "ignored";
        };
        PublicMunicipality: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        PublicMunicipalityPage: {
            items: components["schemas"]["PublicMunicipality"][];
            /** @description All matches, not only this page */
            total: number;
        };
        PublicReferrerDto: {
            /**
             * @description Who refers: a relative, an association, another professional, or the citizen themself
             * @enum {string}
             */
            kind: "relative" | "association" | "professional" | "self";
            /** @example Hanne Jensen */
            name?: string;
            /** @example +4522334455 */
            phone?: string;
            /**
             * @description Where "modtaget" (and what the citizen consents to) is sent
             * @example hanne@example.dk
             */
            email?: string;
            /** @example Ældre Sagen Roskilde */
            organisation?: string;
        };
        PublicCitizenDto: {
            /** @example Inger Jensen */
            name: string;
            /** @example +4520123456 */
            phone?: string;
            address: components["schemas"]["AddressDto"];
            /**
             * @description Birth date, when the CPR number is not known
             * @example 1945-01-01
             */
            birthDate?: string;
            /**
             * @description Optional. Without it the citizen is never matched to one Bro knows; with it the duplicate rules of ADR 0014 apply
             * @example 0101451234
             */
            cpr?: string;
        };
        PublicReferralDto: {
            /**
             * Format: uuid
             * @description The municipality, chosen from GET /v1/public/municipalities
             */
            municipalityId?: string;
            /**
             * @description Finds the municipality when municipalityId is not given
             * @example 4000
             */
            postcode?: string;
            referrer: components["schemas"]["PublicReferrerDto"];
            citizen: components["schemas"]["PublicCitizenDto"];
            /**
             * @example [
             *       "loneliness"
             *     ]
             */
            reasons: ("loneliness" | "bereavement" | "low_wellbeing" | "stress_or_anxiety" | "physical_inactivity" | "life_transition" | "unemployment" | "other")[];
            note?: string;
            /** @description Whether the citizen knows about the referral */
            citizenKnows: boolean;
            /** @description Leave empty. A field people do not see: only robots fill it in */
            website?: string;
        };
        PublicReference: {
            /** @example HX7K-M2QP */
            reference: string;
        };
        FirstContactConsentDto: {
            /**
             * @default none
             * @enum {string}
             */
            referrerFeedback: "none" | "status" | "summary";
            /** @default false */
            shareWithHost: boolean;
            /** @default false */
            sms: boolean;
            /** @default true */
            statistics: boolean;
            /** @enum {string} */
            method: "verbal" | "written" | "digital";
        };
        FirstContactDto: {
            /**
             * @description consented: the consents below are recorded; declined: closed and erased
             * @enum {string}
             */
            decision: "consented" | "declined";
            /** @description Required when consented */
            consent?: components["schemas"]["FirstContactConsentDto"];
        };
        FirstContactResult: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "submitted" | "cancelled" | "rejected";
            /** @description Declined and spam are erased at once */
            erased: boolean;
        };
        JoinCitizenDto: {
            /**
             * Format: uuid
             * @description The known citizen (their id)
             */
            citizenId?: string;
            /**
             * @description Or their CPR number (in the body, never a URL)
             * @example 0101801234
             */
            cpr?: string;
        };
        JoinCitizenResult: {
            /** Format: uuid */
            id: string;
            /**
             * @description possible_duplicate: the citizen has an open case, which decides it (POST /v1/referrals/:id/duplicate)
             * @enum {string}
             */
            status: "awaiting_consent" | "possible_duplicate";
            /**
             * Format: uuid
             * @description The known citizen the referral is about now
             */
            citizenId: string;
            /**
             * Format: uuid
             * @description The citizen’s open case it may duplicate
             */
            duplicateOf: string | null;
        };
        CreateOrganisationDto: {
            /** @example Ældre Sagen Roskilde */
            name: string;
            description?: string;
            url?: string;
            email?: string;
            phone?: string;
        };
        Organisation: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            url: string | null;
            email: string | null;
            phone: string | null;
        };
        OrganisationPage: {
            items: components["schemas"]["Organisation"][];
            /** @description All matches, not only this page */
            total: number;
        };
        OfferLocationDto: {
            name?: string;
            street?: string;
            postcode?: string;
            city?: string;
        };
        OfferContactDto: {
            /** @description The host (vært) or contact person */
            name?: string;
            phone?: string;
            email?: string;
        };
        CreateOfferDto: {
            name?: string;
            description?: string;
            /** @enum {string} */
            category?: "community" | "exercise" | "open_meeting_place" | "dementia_cafe" | "volunteer_group" | "companion" | "creative" | "learning" | "nature" | "other";
            /** Format: uuid */
            areaId?: Record<string, never> | null;
            location?: components["schemas"]["OfferLocationDto"];
            /** @example Torsdage 10–12 */
            schedule?: string;
            contact?: components["schemas"]["OfferContactDto"];
            acceptsSpecialNeeds?: boolean;
            companionAvailable?: boolean;
            /** @description Free places now; 0 means "no capacity"; null means not limited or unknown */
            freePlaces?: Record<string, never> | null;
            /** @enum {string} */
            status?: "active" | "paused";
            /** @description true: the coordinator has just checked the entry (lastVerifiedAt = now, no longer stale) */
            verified?: boolean;
            /** Format: uuid */
            organisationId: string;
        };
        OfferLocation: {
            name?: string;
            street?: string;
            postcode?: string;
            city?: string;
        };
        OfferContact: {
            name?: string;
            phone?: string;
            email?: string;
        };
        Offer: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            name: string;
            description: string | null;
            category: string;
            /** Format: uuid */
            areaId: string | null;
            location: components["schemas"]["OfferLocation"] | null;
            schedule: string | null;
            contact: components["schemas"]["OfferContact"] | null;
            acceptsSpecialNeeds: boolean;
            companionAvailable: boolean;
            /** @description null: not counted */
            freePlaces: number | null;
            /** @description freePlaces is 0 */
            noCapacity: boolean;
            /** @enum {string} */
            status: "active" | "paused";
            /** Format: date-time */
            lastVerifiedAt: string | null;
            /** @description Not verified for longer than the municipality allows */
            stale: boolean;
            /** @description A check mailed to its host went unanswered for 14 days (ADR 0026) */
            checkOverdue?: boolean;
        };
        OfferPage: {
            items: components["schemas"]["Offer"][];
            /** @description All matches, not only this page */
            total: number;
        };
        UpdateOfferDto: {
            name?: string;
            description?: string;
            /** @enum {string} */
            category?: "community" | "exercise" | "open_meeting_place" | "dementia_cafe" | "volunteer_group" | "companion" | "creative" | "learning" | "nature" | "other";
            /** Format: uuid */
            areaId?: Record<string, never> | null;
            location?: components["schemas"]["OfferLocationDto"];
            /** @example Torsdage 10–12 */
            schedule?: string;
            contact?: components["schemas"]["OfferContactDto"];
            acceptsSpecialNeeds?: boolean;
            companionAvailable?: boolean;
            /** @description Free places now; 0 means "no capacity"; null means not limited or unknown */
            freePlaces?: Record<string, never> | null;
            /** @enum {string} */
            status?: "active" | "paused";
            /** @description true: the coordinator has just checked the entry (lastVerifiedAt = now, no longer stale) */
            verified?: boolean;
        };
        FollowUpPage: {
            items: components["schemas"]["FollowUp"][];
            /** @description All matches, not only this page */
            total: number;
        };
        CreateFollowUpDto: {
            /** Format: uuid */
            referralId: string;
            /**
             * @example custom
             * @enum {string}
             */
            kind: "first_contact" | "follow_up_call" | "review" | "outcome_measurement" | "custom";
            /** @example 2026-12-01T10:00:00+01:00 */
            dueAt: string;
            note?: string;
        };
        CompleteFollowUpDto: {
            note?: string;
            /**
             * @description Measurements (measurement_3m, measurement_9m) only: `measured` with who5 and/or ucla3 (the default when answers are given), or that the citizen `declined` or could not be reached
             * @enum {string}
             */
            result?: "measured" | "declined" | "unreachable";
            /** @description Measurements only — WHO-5: five items 0–5 */
            who5?: number[];
            /** @description Measurements only — UCLA-3: three items 1–3 */
            ucla3?: number[];
        };
        Caseload: {
            /** Format: uuid */
            brobyggerId: string;
            activeCases: number;
            capacity: number;
        };
        AreaLoad: {
            /** Format: uuid */
            areaId: string;
            open: number;
            waiting: number;
        };
        QueueSummary: {
            unassigned: number;
            /** @description Public referrals waiting for a first call (ADR 0030) */
            awaitingConsent: number;
            firstContactDue: number;
            dueToday: number;
            overdue: number;
            escalated: number;
            /** @description Coordinators: e-mails that could not be delivered (ADR 0017) */
            undeliveredMessages?: number;
            caseload?: components["schemas"]["Caseload"][];
            areas?: components["schemas"]["AreaLoad"][];
        };
        InboxMessage: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** Format: uuid */
            referralId: string | null;
            subject: string;
            /** @description What the message says, by kind */
            body: {
                [key: string]: unknown;
            };
            channel: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            deliveryStatus: string;
        };
        InboxMessagePage: {
            items: components["schemas"]["InboxMessage"][];
            /** @description All matches, not only this page */
            total: number;
        };
        MessageRecipient: {
            /** Format: uuid */
            id: string;
            displayName: string;
        };
        UndeliveredMessage: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** Format: uuid */
            referralId: string | null;
            subject: string;
            recipient: components["schemas"]["MessageRecipient"];
            /** @enum {string} */
            deliveryStatus: "pending" | "failed";
            deliveryAttempts: number;
            lastErrorCode: string | null;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UndeliveredMessagePage: {
            items: components["schemas"]["UndeliveredMessage"][];
            /** @description All matches, not only this page */
            total: number;
        };
        AccessLogEntry: {
            /** Format: date-time */
            at: string;
            /**
             * Format: uuid
             * @description null: the system (a job)
             */
            userId: string | null;
            /** @description The user’s display name; null for the system or someone outside Bro (see role) */
            userName: string | null;
            role: string | null;
            action: string;
            /** Format: uuid */
            referralId: string | null;
            /** @description The access reason or the purpose of the change */
            purpose: string | null;
        };
        AccessLogEntryPage: {
            items: components["schemas"]["AccessLogEntry"][];
            /** @description All matches, not only this page */
            total: number;
        };
        CodeLabel: {
            code: string;
            da: string;
            en: string;
        };
        CodeLabelPage: {
            items: components["schemas"]["CodeLabel"][];
            /** @description All matches, not only this page */
            total: number;
        };
        Postcodes: {
            /**
             * @example [
             *       "4000",
             *       "4130"
             *     ]
             */
            items: string[];
            total: number;
        };
        MonthReasonCount: {
            /** @example 2026-03 */
            month: string;
            reason: string;
            /** @description null when suppressed */
            count: number | null;
            suppressed: boolean;
            /**
             * @description Why the count is hidden: small (1–4 citizens, "< 5"), or complementary (hidden so a total cannot give a small one away)
             * @enum {string}
             */
            suppression?: "small" | "complementary";
        };
        AreaCount: {
            /** Format: uuid */
            areaId: string | null;
            areaName: string | null;
            /** @description null when suppressed */
            count: number | null;
            suppressed: boolean;
            /**
             * @description Why the count is hidden: small (1–4 citizens, "< 5"), or complementary (hidden so a total cannot give a small one away)
             * @enum {string}
             */
            suppression?: "small" | "complementary";
        };
        DaysToFirstContact: {
            /** @description null when suppressed (1–4 cases: no median or average either) */
            cases: number | null;
            suppressed: boolean;
            median: number | null;
            average: number | null;
        };
        OutcomeCount: {
            outcome: string;
            /** @description null when suppressed */
            count: number | null;
            suppressed: boolean;
            /**
             * @description Why the count is hidden: small (1–4 citizens, "< 5"), or complementary (hidden so a total cannot give a small one away)
             * @enum {string}
             */
            suppression?: "small" | "complementary";
        };
        WellbeingChange: {
            /** @description null when suppressed (1–4 cases: no mean change either) */
            cases: number | null;
            suppressed: boolean;
            /** @description Mean change of the WHO-5 score */
            who5: number | null;
            /** @description Mean change of the UCLA-3 score */
            ucla3: number | null;
        };
        Statistics: {
            /**
             * @description Counts of 1 to threshold − 1 citizens are never shown
             * @example 5
             */
            threshold: number;
            /** @description null when suppressed */
            countedCases: number | null;
            countedCasesSuppressed: boolean;
            /**
             * @description Why the count is hidden: small (1–4 citizens, "< 5"), or complementary (hidden so a total cannot give a small one away)
             * @enum {string}
             */
            countedCasesSuppression?: "small" | "complementary";
            referralsPerMonth: components["schemas"]["MonthReasonCount"][];
            referralsPerArea: components["schemas"]["AreaCount"][];
            daysToFirstContact: components["schemas"]["DaysToFirstContact"];
            outcomes: components["schemas"]["OutcomeCount"][];
            wellbeingChange: components["schemas"]["WellbeingChange"];
        };
        ReportPeriod: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
        };
        ReportArea: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        ReportCount: {
            value: number | null;
            suppressed: boolean;
            /** @enum {string} */
            reason?: "small" | "complementary";
        };
        ReportRow: {
            key: string;
            label: string;
            count: components["schemas"]["ReportCount"];
            share: number | null;
        };
        ReportBreakdown: {
            total: components["schemas"]["ReportCount"];
            rows: components["schemas"]["ReportRow"][];
        };
        ReportReferrals: {
            /** @description By organisation kind */
            bySource: components["schemas"]["ReportBreakdown"];
            byReason: components["schemas"]["ReportBreakdown"];
            byArea: components["schemas"]["ReportBreakdown"];
            byMonth: components["schemas"]["ReportBreakdown"];
        };
        ReportDuration: {
            n: components["schemas"]["ReportCount"];
            medianWorkingDays: number | null;
            p90WorkingDays: number | null;
        };
        ReportTime: {
            toFirstContact: components["schemas"]["ReportDuration"];
            toFirstConversation: components["schemas"]["ReportDuration"];
        };
        ReportBridging: {
            bridged: components["schemas"]["ReportBreakdown"];
            continuingAt3Months: components["schemas"]["ReportBreakdown"];
        };
        ConfidenceInterval: {
            lower: number;
            upper: number;
        };
        ReportChange: {
            n: components["schemas"]["ReportCount"];
            baselineMean: number | null;
            laterMean: number | null;
            meanChange: number | null;
            ci95: components["schemas"]["ConfidenceInterval"] | null;
        };
        ReportWellbeing: {
            who5: components["schemas"]["ReportChange"];
            ucla3: components["schemas"]["ReportChange"];
        };
        ReportAfterClosingPeriod: {
            followUps: components["schemas"]["ReportBreakdown"];
            who5: components["schemas"]["ReportChange"];
            ucla3: components["schemas"]["ReportChange"];
        };
        ReportAfterClosing: {
            months3: components["schemas"]["ReportAfterClosingPeriod"];
            months9: components["schemas"]["ReportAfterClosingPeriod"];
        };
        ReportMethod: {
            da: string[];
            en: string[];
        };
        CouncilReport: {
            title: string;
            municipality: string;
            period: components["schemas"]["ReportPeriod"];
            area: components["schemas"]["ReportArea"] | null;
            /** Format: date-time */
            generatedAt: string;
            /** @description The smallest count shown */
            threshold: number;
            citizens: components["schemas"]["ReportCount"];
            referrals: components["schemas"]["ReportReferrals"];
            time: components["schemas"]["ReportTime"];
            bridging: components["schemas"]["ReportBridging"];
            wellbeing: components["schemas"]["ReportWellbeing"];
            afterClosing: components["schemas"]["ReportAfterClosing"];
            outcomes: components["schemas"]["ReportBreakdown"];
            method: components["schemas"]["ReportMethod"];
        };
        Place: {
            /** Format: uuid */
            id: string;
            name: string;
            address: string | null;
            accessible: boolean;
            note: string | null;
            /** @enum {string} */
            kind: "venue" | "home" | "phone";
            /** @description false once retired: kept for the appointments that name it */
            active: boolean;
        };
        PlaceList: {
            items: components["schemas"]["Place"][];
        };
        CreatePlaceDto: {
            /** @example Havehuset */
            name: string;
            /** @example Køgevej 1, 4000 Roskilde */
            address?: string;
            /**
             * @description Step-free access
             * @default false
             */
            accessible: boolean;
            note?: string;
            /**
             * @description `home`: at the citizen’s home; `phone`: a call
             * @default venue
             * @enum {string}
             */
            kind: "venue" | "home" | "phone";
        };
        UpdatePlaceDto: {
            name?: string;
            address?: string | null;
            accessible?: boolean;
            note?: string;
            /** @description false: no longer offered for new bookings */
            active?: boolean;
        };
        BookAppointmentDto: {
            /** @example 2026-12-02T10:00:00+01:00 */
            startsAt: string;
            /** @example 90 */
            durationMinutes: number;
            /**
             * Format: uuid
             * @description One of the municipality’s meeting places; or `place`
             */
            placeId?: string;
            /** @description Another place, as free text; or `placeId` */
            place?: string;
            /** @enum {string} */
            kind: "first" | "follow_up" | "phone";
            /** @description For the brobygger; never in the calendar feed or the reminder */
            note?: string;
        };
        BookedAppointment: {
            /** Format: uuid */
            id: string;
        };
        AppointmentPlace: {
            /** Format: uuid */
            id: string | null;
            name: string;
            address: string | null;
            /** @enum {string} */
            kind: "venue" | "home" | "phone" | "other";
        };
        AppointmentCitizen: {
            name: string | null;
        };
        Appointment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            referralId: string;
            /** Format: uuid */
            brobyggerUserId: string;
            /** @enum {string} */
            kind: "first" | "follow_up" | "phone";
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            durationMinutes: number;
            place: components["schemas"]["AppointmentPlace"];
            /** @enum {string} */
            status: "booked" | "cancelled" | "held";
            cancelReason: string | null;
            note: string | null;
            /** Format: uuid */
            conversationId: string | null;
            /**
             * @description How the citizen is reminded: null until decided
             * @enum {string|null}
             */
            reminder: "sms" | "letter" | null;
            /** @description In `GET /v1/appointments` only: whom it is with */
            citizen?: components["schemas"]["AppointmentCitizen"];
        };
        AppointmentList: {
            items: components["schemas"]["Appointment"][];
        };
        CitizenCopyStep: {
            description: string;
            dueAt: string | null;
            offer: string | null;
            place: string | null;
            host: string | null;
            /** @description A følgeven goes along */
            companion: boolean;
            /** @description The følgeven’s first name, when the step names one of Bro’s følgevenner */
            companionName: string | null;
        };
        CitizenCopyAppointment: {
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            place: string;
            kind: string;
        };
        CitizenCopyBrobygger: {
            name: string;
            workPhone: string | null;
        };
        CitizenCopy: {
            /** @enum {string} */
            title: "Min samtale og min plan";
            citizenName: string | null;
            /** @description IANA zone the times are shown in */
            timeZone: string;
            whatMatters: string | null;
            wishes: string | null;
            wantToTry: string | null;
            goals: string[];
            steps: components["schemas"]["CitizenCopyStep"][];
            nextAppointment: components["schemas"]["CitizenCopyAppointment"] | null;
            brobygger: components["schemas"]["CitizenCopyBrobygger"] | null;
        };
        MoveAppointmentDto: {
            /** @example 2026-12-03T10:00:00+01:00 */
            startsAt?: string;
            durationMinutes?: number;
            /** Format: uuid */
            placeId?: string;
            place?: string;
            note?: string;
        };
        CancelAppointmentDto: {
            /** @example Borgeren er syg */
            reason: string;
        };
        CalendarFeed: {
            /** Format: uri */
            url: string;
        };
        CreateHostDto: {
            /** @example Birthe Hansen */
            name: string;
            /**
             * @description Hand-offs (and a host’s offer checks) are mailed here
             * @example birthe@forening.dk
             */
            email?: string;
            /**
             * @description Without an e-mail, hand-offs go here by SMS
             * @example +45 20 30 40 50
             */
            phone?: string;
            /** @description For the brobyggere: when the host is there, what they need to know */
            note?: string;
        };
        Host: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            offerId: string;
            name: string;
            email: string | null;
            phone: string | null;
            note: string | null;
        };
        HostPage: {
            items: components["schemas"]["Host"][];
            /** @description All matches, not only this page */
            total: number;
        };
        UpdateHostDto: {
            name?: string;
            email?: Record<string, never> | null;
            phone?: Record<string, never> | null;
            note?: Record<string, never> | null;
        };
        RemovedHost: {
            /** Format: uuid */
            id: string;
            /** @enum {boolean} */
            removed: true;
        };
        CreateCompanionDto: {
            /** @example Birthe Hansen */
            name: string;
            /**
             * @description Hand-offs (and a host’s offer checks) are mailed here
             * @example birthe@forening.dk
             */
            email?: string;
            /**
             * @description Without an e-mail, hand-offs go here by SMS
             * @example +45 20 30 40 50
             */
            phone?: string;
            /** @description The areas the følgeven goes along in */
            areaIds: string[];
            /**
             * @description ISO 639-1 codes
             * @example [
             *       "da",
             *       "en"
             *     ]
             */
            languages?: string[];
            /** @example Hverdage efter kl. 14 */
            availability?: string;
            /** @default true */
            active: boolean;
        };
        Companion: {
            /** Format: uuid */
            id: string;
            name: string;
            email: string | null;
            phone: string | null;
            areaIds: string[];
            languages: string[];
            availability: string | null;
            active: boolean;
        };
        CompanionPage: {
            items: components["schemas"]["Companion"][];
            /** @description All matches, not only this page */
            total: number;
        };
        UpdateCompanionDto: {
            name?: string;
            email?: Record<string, never> | null;
            phone?: Record<string, never> | null;
            areaIds?: string[];
            languages?: string[];
            availability?: Record<string, never> | null;
            active?: boolean;
        };
        HandoverDto: {
            /**
             * @description The step’s host (vært) or its følgeven
             * @enum {string}
             */
            to: "host" | "companion";
            /**
             * Format: date-time
             * @description When the citizen comes the first time
             * @example 2026-12-03T10:00:00+01:00
             */
            firstVisitAt: string;
            /** @description A short message the citizen agreed to, shown on the hand-off page (e.g. "Kommer gerne lidt før") */
            message?: string;
        };
        SentHandover: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uri
             * @description The link mailed to the recipient
             */
            link: string;
            /** Format: date-time */
            expiresAt: string;
        };
        Handover: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            stepId: string;
            /** @enum {string} */
            to: "host" | "companion";
            recipientName: string | null;
            /** Format: date-time */
            firstVisitAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** @enum {string} */
            state: "sent" | "opened" | "answered" | "revoked" | "expired";
            /** Format: date-time */
            openedAt: string | null;
            /** @enum {string|null} */
            answer: "attended" | "did_not_attend" | "continuing" | "cannot_receive" | null;
            /** Format: date-time */
            answeredAt: string | null;
            answerNote: string | null;
            message: string | null;
            /** Format: date-time */
            sentAt: string;
        };
        HandoverPage: {
            items: components["schemas"]["Handover"][];
            /** @description All matches, not only this page */
            total: number;
        };
        AssociationFigures: {
            /** Format: uuid */
            organisationId: string;
            organisation: string;
            sent: number;
            answered: number;
            attended: number;
            continuing: number;
            didNotAttend: number;
            cannotReceive: number;
        };
        AssociationFiguresPage: {
            items: components["schemas"]["AssociationFigures"][];
            /** @description All matches, not only this page */
            total: number;
        };
        HandoverOffer: {
            name: string;
            organisation: string | null;
        };
        HandoverFirstVisit: {
            /** Format: date-time */
            at: string;
            place: string | null;
        };
        HandoverCompanion: {
            firstName: string;
        };
        HandoverPageData: {
            /** @enum {string} */
            recipient: "host" | "companion";
            firstName: string | null;
            offer: components["schemas"]["HandoverOffer"] | null;
            firstVisit: components["schemas"]["HandoverFirstVisit"];
            companion: components["schemas"]["HandoverCompanion"] | null;
            message: string | null;
            /** @enum {string|null} */
            answer: "attended" | "did_not_attend" | "continuing" | "cannot_receive" | null;
            /** Format: date-time */
            answeredAt: string | null;
            /** Format: date-time */
            expiresAt: string;
        };
        HandoverAnswerDto: {
            /** @enum {string} */
            answer: "attended" | "did_not_attend" | "continuing" | "cannot_receive";
            /** @description For the brobygger */
            note?: string;
        };
        OfferCheckOffer: {
            name: string;
            organisation: string;
            schedule: string | null;
            freePlaces: number | null;
            /** @enum {string} */
            status: "active" | "paused";
        };
        OfferCheckData: {
            offer: components["schemas"]["OfferCheckOffer"];
            /** Format: date-time */
            sentAt: string;
            /** Format: date-time */
            answeredAt: string | null;
            /** @description null until answered */
            running: boolean | null;
        };
        OfferCheckAnswerDto: {
            /** @description false pauses the offer in the directory */
            running: boolean;
            /** @description Free places now; 0 is "no room right now" */
            freePlaces?: Record<string, never> | null;
            /** @example Tirsdage kl. 10–12 */
            schedule?: string;
            note?: string;
        };
        /** @description Every failure. `message` and `problems` are English for people; `code`, `codes` and `details.code` are stable machine codes for clients to show their own language (docs/error-codes.md). Never a submitted value. */
        ErrorBody: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            message: string;
            /** @enum {string} */
            code: "invalid_request" | "unauthenticated" | "forbidden" | "not_found" | "method_not_allowed" | "not_acceptable" | "conflict" | "too_large" | "unsupported_media_type" | "rule_violation" | "precondition_required" | "rate_limited" | "unavailable" | "internal_error" | "error";
            details?: {
                /** @example citizen.address.postcode */
                field: string;
                problems: string[];
                /** @description The problems as codes; a missing or empty value is just `required` */
                codes: ("required" | "too_long" | "too_short" | "too_small" | "too_large" | "invalid_type" | "invalid_choice" | "invalid_date" | "invalid_id" | "invalid_format" | "invalid_phone" | "invalid_postcode" | "invalid_email" | "invalid_url" | "invalid_characters" | "duplicate" | "unknown_field" | "invalid")[];
            }[] | {
                /** @example consent.referral */
                field: string;
                /** @enum {string} */
                code: "consent_required" | "invalid_cpr" | "unknown_reference" | "inactive" | "self_deactivation" | "in_future" | "invalid_date_order" | "out_of_range" | "wrong_count" | "unknown_field" | "rule_violation" | "invalid";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthController_authConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevAuthConfig"] | components["schemas"]["OidcAuthConfig"];
                };
            };
        };
    };
    AuthController_devToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevTokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevToken"];
                };
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
        };
    };
    MedcomGatewayController_receive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Bundle (Acknowledgement message) or OperationOutcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": Record<string, never>;
                };
            };
        };
    };
    MedcomController_thread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MedcomThread"];
                };
            };
        };
    };
    MedcomController_reply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyMessageDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MedcomReplyQueued"];
                };
            };
        };
    };
    MedcomController_attachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
                n: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
        };
    };
    MedcomController_inbox: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MedcomInbox"];
                };
            };
        };
    };
    MedcomController_attach: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AttachMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MedcomAttached"];
                };
            };
        };
    };
    MedcomController_clinics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MedcomClinicList"];
                };
            };
        };
    };
    MedcomController_putClinic: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutClinicDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MedcomClinic"];
                };
            };
        };
    };
    AdminController_getSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalitySettings"];
                };
            };
        };
    };
    AdminController_updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMunicipalitySettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalitySettings"];
                };
            };
        };
    };
    AdminController_listAreas: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AreaPage"];
                };
            };
        };
    };
    AdminController_createArea: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAreaDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Area"];
                };
            };
        };
    };
    AdminController_updateArea: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAreaDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Area"];
                };
            };
        };
    };
    AdminController_listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserPage"];
                };
            };
        };
    };
    AdminController_createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
        };
    };
    AdminController_updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
        };
    };
    AdminController_listBrobyggere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrobyggerPage"];
                };
            };
        };
    };
    AdminController_createBrobygger: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBrobyggerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Brobygger"];
                };
            };
        };
    };
    AdminController_updateBrobygger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBrobyggerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Brobygger"];
                };
            };
        };
    };
    ReferralsController_list: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                offset?: components["schemas"]["Object"];
                /** @description `open` / `closed`: any status of that kind. `possible_duplicate`: another clinic’s referrals held until decided (ADR 0014) */
                status?: "open" | "closed" | "submitted" | "unassigned" | "assigned" | "contacted" | "active" | "on_hold" | "completed" | "rejected" | "cancelled" | "possible_duplicate" | "linked" | "awaiting_consent";
                areaId?: string;
                /** @description `me`, or a brobygger id */
                assignee?: string;
                /** @description A fragment of the citizen’s name (case and accents ignored) or of their phone number (digits). Never a CPR number: that is `POST /v1/referrals/search` (400 here). Staff only (ADR 0024). */
                q?: string;
                /** @description Cases referred for this reason (staff only) */
                reason?: "loneliness" | "bereavement" | "low_wellbeing" | "stress_or_anxiety" | "physical_inactivity" | "life_transition" | "unemployment" | "other";
                /** @description `true`: cases background work gave up on or flagged to consider unreachable (staff only) */
                needsAttention?: "true" | "false";
                sort?: "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "status" | "-status" | "name" | "-name";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Staff get case summaries; referrers their referrer views */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseSummaryPage"] | components["schemas"]["ReferrerViewPage"];
                };
            };
        };
    };
    ReferralsController_create: {
        parameters: {
            query?: never;
            header: {
                "idempotency-key": string;
                /** @description Same user + same key returns the first result */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReferralDto"];
            };
        };
        responses: {
            /** @description `linked` only for the same clinic’s own case */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmittedReferral"];
                };
            };
        };
    };
    ReferralsController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchReferralsDto"];
            };
        };
        responses: {
            /** @description As the caller’s own list shows them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseSummaryPage"] | components["schemas"]["ReferrerViewPage"];
                };
            };
        };
    };
    ReferralsController_get: {
        parameters: {
            query?: never;
            header: {
                "x-access-reason": string;
                /** @description Why a coordinator reads a restricted case (403 without it): access_request, complaint, legal_obligation, supervision */
                "X-Access-Reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Staff get the full case; referrers their referrer view */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FullCase"] | components["schemas"]["ReferrerView"];
                };
            };
        };
    };
    ReferralsController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assigned"];
                };
            };
        };
    };
    ReferralsController_unassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
        };
    };
    ReferralsController_setArea: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetAreaDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AreaSet"];
                };
            };
        };
    };
    CaseworkController_contactAttempt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactAttemptDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactAttemptLogged"];
                };
            };
        };
    };
    CaseworkController_conversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedConversation"];
                };
            };
        };
    };
    CaseworkController_plan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
        };
    };
    CaseworkController_contacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OtherContactsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OtherContacts"];
                };
            };
        };
    };
    CaseworkController_consents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeConsentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentChanged"];
                };
            };
        };
    };
    CaseworkController_hold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
        };
    };
    CaseworkController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
        };
    };
    CaseworkController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Closed"];
                };
            };
        };
    };
    CaseworkController_reopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReopenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
        };
    };
    LinkingController_duplicate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DuplicateDecisionDto"];
            };
        };
        responses: {
            /** @description status: linked, submitted (no case open any more) or rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DuplicateDecided"];
                };
            };
        };
    };
    LinkingController_reportedDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportedDetailsDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportedDetailsDecided"];
                };
            };
        };
    };
    PublicReferralsController_municipalities: {
        parameters: {
            query?: {
                postcode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicMunicipalityPage"];
                };
            };
        };
    };
    PublicReferralsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublicReferralDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicReference"];
                };
            };
        };
    };
    FirstContactController_firstContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FirstContactDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirstContactResult"];
                };
            };
        };
    };
    FirstContactController_spam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirstContactResult"];
                };
            };
        };
    };
    FirstContactController_joinCitizen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinCitizenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JoinCitizenResult"];
                };
            };
        };
    };
    DirectoryController_listOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationPage"];
                };
            };
        };
    };
    DirectoryController_createOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganisationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
        };
    };
    DirectoryController_listOffers: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                offset?: components["schemas"]["Object"];
                areaId?: string;
                category?: "community" | "exercise" | "open_meeting_place" | "dementia_cafe" | "volunteer_group" | "companion" | "creative" | "learning" | "nature" | "other";
                /** @description Words in the name or description */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferPage"];
                };
            };
        };
    };
    DirectoryController_createOffer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOfferDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
        };
    };
    DirectoryController_getOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
        };
    };
    DirectoryController_updateOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOfferDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
        };
    };
    FollowUpsController_list: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                offset?: components["schemas"]["Object"];
                view?: "due_today" | "overdue" | "escalated" | "upcoming" | "open";
                /** @description `me`, or a brobygger id */
                assignee?: string;
                areaId?: string;
                kind?: "first_contact" | "follow_up_call" | "review" | "outcome_measurement" | "custom" | "measurement_3m" | "measurement_9m";
                sort?: "dueAt" | "-dueAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpPage"];
                };
            };
        };
    };
    FollowUpsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFollowUpDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUp"];
                };
            };
        };
    };
    FollowUpsController_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteFollowUpDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUp"];
                };
            };
        };
    };
    FollowUpsController_summary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueSummary"];
                };
            };
        };
    };
    NotificationsController_inbox: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                offset?: components["schemas"]["Object"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxMessagePage"];
                };
            };
        };
    };
    NotificationsController_undelivered: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                offset?: components["schemas"]["Object"];
                /** @description `failed`: given up; `pending`: still being retried */
                status?: "failed" | "pending";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UndeliveredMessagePage"];
                };
            };
        };
    };
    CitizensController_accessLog: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                offset?: components["schemas"]["Object"];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessLogEntryPage"];
                };
            };
        };
    };
    CitizensController_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    ReferenceController_reasons: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeLabelPage"];
                };
            };
        };
    };
    ReferenceController_wheelDomains: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeLabelPage"];
                };
            };
        };
    };
    ReferenceController_postcodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Postcodes"];
                };
            };
        };
    };
    FhirController_metadata: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FhirController_transaction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Bundle (transaction-response); errors are OperationOutcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FhirController_searchTasks: {
        parameters: {
            query?: {
                _offset?: unknown;
                _count?: unknown;
                _lastUpdated?: unknown;
                focus?: unknown;
                requester?: unknown;
                code?: unknown;
                status?: unknown;
                patient?: unknown;
                _id?: unknown;
            };
            header: {
                prefer: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FhirController_task: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FhirController_serviceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_info: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_services: {
        parameters: {
            query?: {
                page?: components["schemas"]["Object"];
                per_page?: components["schemas"]["Object"];
                /** @description Official municipality code (e.g. 265); without it, every municipality */
                municipality?: string;
                /** @description Free text in the name or description of the offer, or its organisation’s name */
                search?: string;
                /** @description Only services changed at or after this instant (ISO 8601) */
                modified_after?: string;
                organization_id?: string;
                /** @description A term of GET /openreferral/taxonomy_terms (an offer category) */
                taxonomy_term_id?: string;
                /** @description A taxonomy of GET /openreferral/taxonomies */
                taxonomy_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_organizations: {
        parameters: {
            query?: {
                page?: components["schemas"]["Object"];
                per_page?: components["schemas"]["Object"];
                /** @description Official municipality code (e.g. 265); without it, every municipality */
                municipality?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_organization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_taxonomies: {
        parameters: {
            query?: {
                page?: components["schemas"]["Object"];
                per_page?: components["schemas"]["Object"];
                /** @description Official municipality code (e.g. 265); without it, every municipality */
                municipality?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_taxonomy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_taxonomyTerms: {
        parameters: {
            query?: {
                page?: components["schemas"]["Object"];
                per_page?: components["schemas"]["Object"];
                /** @description Official municipality code (e.g. 265); without it, every municipality */
                municipality?: string;
                taxonomy_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OpenReferralController_taxonomyTerm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    StatisticsController_overview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
        };
    };
    ReportsController_council: {
        parameters: {
            query?: {
                /** @description First day of the period (local date); default 1 January this year */
                from?: string;
                /** @description Last day of the period (local date, included); default today */
                to?: string;
                /** @description Only referrals routed to this local area */
                areaId?: string;
                /** @description csv: UTF-8 with BOM, `;`-separated, Danish headers; pdf: the report in Danish */
                format?: "json" | "csv" | "pdf";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description json: { title, municipality, period, area, generatedAt, threshold, citizens, referrals: { bySource, byReason, byArea, byMonth }, time, bridging, wellbeing, afterClosing: { months3, months9 }, outcomes, method: { da, en } } — every count { value, suppressed, reason? }; csv: UTF-8 with BOM, `;`-separated, columns Afsnit;Kategori;Mål;Værdi; pdf: the report in Danish with charts and the method */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouncilReport"];
                    "text/csv": components["schemas"]["CouncilReport"];
                    "application/pdf": components["schemas"]["CouncilReport"];
                };
            };
        };
    };
    PlacesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlaceList"];
                };
            };
        };
    };
    PlacesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlaceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Place"];
                };
            };
        };
    };
    PlacesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlaceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Place"];
                };
            };
        };
    };
    AppointmentsController_ofCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentList"];
                };
            };
        };
    };
    AppointmentsController_book: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BookAppointmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookedAppointment"];
                };
            };
        };
    };
    AppointmentsController_citizenCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CitizenCopy"];
                };
            };
        };
    };
    AppointmentsController_planPdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The citizen’s copy as a PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
        };
    };
    AppointmentsController_list: {
        parameters: {
            query: {
                from: string;
                /** @description At most 62 days after `from` */
                to: string;
                /** @description Coordinators: one brobygger’s (their user id) */
                brobyggerUserId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each with `citizen: { name }` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentList"];
                };
            };
        };
    };
    AppointmentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
        };
    };
    AppointmentsController_move: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveAppointmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
        };
    };
    AppointmentsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelAppointmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
        };
    };
    AppointmentsController_letter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reminder letter as a PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
        };
    };
    CalendarController_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeed"];
                };
            };
        };
    };
    CalendarController_feed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An iCalendar (RFC 5545) feed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    CommunityController_listHosts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostPage"];
                };
            };
        };
    };
    CommunityController_createHost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateHostDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Host"];
                };
            };
        };
    };
    CommunityController_removeHost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                hostId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemovedHost"];
                };
            };
        };
    };
    CommunityController_updateHost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                hostId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateHostDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Host"];
                };
            };
        };
    };
    CommunityController_listCompanions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanionPage"];
                };
            };
        };
    };
    CommunityController_createCompanion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCompanionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Companion"];
                };
            };
        };
    };
    CommunityController_updateCompanion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCompanionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Companion"];
                };
            };
        };
    };
    CommunityController_handover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandoverDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentHandover"];
                };
            };
        };
    };
    CommunityController_handoversOfCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverPage"];
                };
            };
        };
    };
    CommunityController_figures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssociationFiguresPage"];
                };
            };
        };
    };
    HandoverLinkController_open: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverPageData"];
                };
            };
        };
    };
    HandoverLinkController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandoverAnswerDto"];
            };
        };
        responses: {
            /** @description The page as it is after the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverPageData"];
                };
            };
        };
    };
    HandoverLinkController_offerCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferCheckData"];
                };
            };
        };
    };
    HandoverLinkController_answerOfferCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferCheckAnswerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferCheckData"];
                };
            };
        };
    };
}
