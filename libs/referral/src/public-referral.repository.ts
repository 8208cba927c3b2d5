import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PublicReferrerKind } from '@bro/case-kernel';

/** What the public form said about who referred, kept beside the referral (ADR 0030). */
export interface PublicReferralFacts {
  reference: string;
  referrerKind: PublicReferrerKind;
  referrerName: string | null;
  referrerPhone: string | null;
  referrerEmail: string | null;
  referrerOrganisation: string | null;
  citizenKnows: boolean;
  birthDate: string | null;
}

/** Letters and digits nobody mixes up on the phone (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short reference for a phone call: `HX7K-M2QP` (31^8 ≈ 8.5·10^11; unique per municipality). */
export function newReference(): string {
  const char = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  const part = () => Array.from({ length: 4 }, char).join('');
  return `${part()}-${part()}`;
}

/** All SQL on `public_referral` (owned by libs/referral, ADR 0020), in the caller's transaction. */
@Injectable()
export class PublicReferralRepository {
  /** Inserts the row with a fresh reference; a clash with another of the municipality's draws again. */
  async insert(
    m: EntityManager,
    municipalityId: string,
    referralId: string,
    facts: Omit<PublicReferralFacts, 'reference'>,
  ): Promise<string> {
    for (;;) {
      const reference = newReference();
      const rows: { reference: string }[] = await m.query(
        `INSERT INTO public_referral (referral_id, municipality_id, reference, referrer_kind, referrer_name, referrer_phone,
                                      referrer_email, referrer_organisation, citizen_knows, birth_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (municipality_id, reference) DO NOTHING RETURNING reference`,
        [
          referralId,
          municipalityId,
          reference,
          facts.referrerKind,
          facts.referrerName,
          facts.referrerPhone,
          facts.referrerEmail,
          facts.referrerOrganisation,
          facts.citizenKnows,
          facts.birthDate,
        ],
      );
      if (rows.length) return rows[0].reference;
    }
  }

  /** How many public referrals the municipality received in the last `windowMs` (its own limit). */
  async countSince(m: EntityManager, municipalityId: string, windowMs: number): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM public_referral WHERE municipality_id = $1 AND submitted_at > now() - $2 * interval '1 millisecond'`,
      [municipalityId, windowMs],
    );
    return n;
  }

  async factsOf(m: EntityManager, referralIds: string[]): Promise<Map<string, PublicReferralFacts>> {
    if (referralIds.length === 0) return new Map();
    const rows: (PublicReferralFacts & { referralId: string })[] = await m.query(
      `SELECT referral_id AS "referralId", reference, referrer_kind AS "referrerKind", referrer_name AS "referrerName",
              referrer_phone AS "referrerPhone", referrer_email AS "referrerEmail",
              referrer_organisation AS "referrerOrganisation", citizen_knows AS "citizenKnows",
              to_char(birth_date, 'YYYY-MM-DD') AS "birthDate"
         FROM public_referral WHERE referral_id = ANY($1)`,
      [referralIds],
    );
    return new Map(rows.map(({ referralId, ...facts }) => [referralId, facts]));
  }

  /** The sender's personal data goes with the case; the reference and the kind stay (they name no one). */
  async erase(m: EntityManager, referralId: string): Promise<void> {
    await m.query(
      `UPDATE public_referral SET referrer_name = NULL, referrer_phone = NULL, referrer_email = NULL,
              referrer_organisation = NULL, birth_date = NULL
        WHERE referral_id = $1`,
      [referralId],
    );
  }
}
