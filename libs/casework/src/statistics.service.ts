import { Injectable } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import { type Statistics, StatisticsRepository } from './statistics.repository';

export type { Statistics } from './statistics.repository';

/**
 * `GET /v1/statistics` — numbers for the coordinators' reports, counted only over
 * cases whose consent allows statistics; counts and averages, never people.
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly repository: StatisticsRepository) {}

  async overview(actor: Actor): Promise<Statistics> {
    return this.repository.overview(actor.municipalityId);
  }
}
