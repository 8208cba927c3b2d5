import { Injectable } from '@nestjs/common';
import { AuthRepository } from './auth.repository';
import type { Actor } from './roles';
import { UpdateMunicipalitySettingsDto } from './dto/municipality-settings.dto';

/** Settings → column; the one list both the read and the update use. */
const COLUMNS: Record<keyof UpdateMunicipalitySettingsDto, string> = {
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

/**
 * `GET|PATCH /v1/municipality`: the coordinator's settings of their municipality —
 * deadlines, escalation, retention and the record-keeping rule. A change applies to
 * what is scheduled from then on; follow-ups already due keep their time.
 */
@Injectable()
export class MunicipalitySettingsService {
  constructor(private readonly repository: AuthRepository) {}

  async get(actor: Actor) {
    return this.repository.municipalitySettings(actor.municipalityId, COLUMNS);
  }

  async update(actor: Actor, dto: UpdateMunicipalitySettingsDto) {
    const changes = (Object.keys(COLUMNS) as (keyof UpdateMunicipalitySettingsDto)[]).filter((k) => dto[k] !== undefined);
    if (changes.length > 0) {
      await this.repository.setMunicipalitySettings(
        actor.municipalityId,
        changes.map((k) => [COLUMNS[k], dto[k]]),
      );
    }
    return this.get(actor);
  }
}
