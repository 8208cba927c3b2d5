import { Injectable } from '@nestjs/common';
import { AuthRepository } from './auth.repository';
import type { Actor } from './roles';
import { UpdateMunicipalitySettingsDto } from './dto/municipality-settings.dto';

/** Settings → column; the one list both the read and the update use. */
const COLUMNS: Record<Exclude<keyof UpdateMunicipalitySettingsDto, 'medcom'>, string> = {
  timeZone: 'time_zone',
  firstContactWorkingDays: 'first_contact_working_days',
  followUpCallDays: 'follow_up_call_days',
  reviewDays: 'review_days',
  escalateAfterWorkingDays: 'escalate_after_working_days',
  measurement3mWorkingDays: 'measurement_3m_working_days',
  measurement9mWorkingDays: 'measurement_9m_working_days',
  retentionYears: 'retention_years',
  recordKeeping: 'record_keeping',
  offerCheckMonths: 'offer_check_months',
};

const MEDCOM_COLUMNS = { medcomSor: 'medcom_sor', medcomGln: 'medcom_gln', medcomName: 'medcom_name' };

/**
 * `GET|PATCH /v1/municipality`: the coordinator's settings of their municipality —
 * deadlines, escalation, retention, the record-keeping rule, and its MedCom identity
 * (SOR code, GLN location number, name; ADR 0028). A change applies to
 * what is scheduled from then on; follow-ups already due keep their time.
 */
@Injectable()
export class MunicipalitySettingsService {
  constructor(private readonly repository: AuthRepository) {}

  async get(actor: Actor) {
    const row = await this.repository.municipalitySettings(actor.municipalityId, { ...COLUMNS, ...MEDCOM_COLUMNS });
    if (!row) return row;
    const { medcomSor, medcomGln, medcomName, ...settings } = row;
    return { ...settings, medcom: { sor: medcomSor ?? null, gln: medcomGln ?? null, name: medcomName ?? null } };
  }

  async update(actor: Actor, dto: UpdateMunicipalitySettingsDto) {
    const keys = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
    const values: [string, unknown][] = keys.filter((k) => dto[k] !== undefined).map((k) => [COLUMNS[k], dto[k]]);
    // The MedCom identity (ADR 0028): null clears a part, absent leaves it.
    for (const [key, column] of [
      ['sor', 'medcom_sor'],
      ['gln', 'medcom_gln'],
      ['name', 'medcom_name'],
    ] as const) {
      if (dto.medcom && dto.medcom[key] !== undefined) values.push([column, dto.medcom[key]]);
    }
    if (values.length > 0) await this.repository.setMunicipalitySettings(actor.municipalityId, values);
    return this.get(actor);
  }
}
