import { Injectable } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import { ConflictError, ForbiddenError, NotFoundError } from '@bro/platform';
import { AppointmentRepository, PlaceRow } from './appointment.repository';
import { CreatePlaceDto, UpdatePlaceDto } from './dto/appointment.dto';

/** The municipality's meeting places (`/v1/places`): everyone on staff reads them, coordinators keep them. */
@Injectable()
export class PlacesService {
  constructor(private readonly repository: AppointmentRepository) {}

  async list(actor: Actor): Promise<{ items: PlaceRow[] }> {
    return { items: await this.repository.places(actor.municipalityId) };
  }

  async create(actor: Actor, dto: CreatePlaceDto): Promise<PlaceRow> {
    if (actor.role !== 'coordinator') throw new ForbiddenError('Only coordinators keep the meeting places');
    const row = await this.repository.insertPlace(actor.municipalityId, {
      name: dto.name,
      address: dto.address ?? null,
      accessible: dto.accessible ?? false,
      note: dto.note ?? null,
      kind: dto.kind ?? 'venue',
    });
    if (!row) throw new ConflictError('A meeting place of that name exists', { field: 'name' });
    return row;
  }

  async update(actor: Actor, id: string, dto: UpdatePlaceDto): Promise<PlaceRow> {
    if (actor.role !== 'coordinator') throw new ForbiddenError('Only coordinators keep the meeting places');
    const row = await this.repository.updatePlace(actor.municipalityId, id, dto);
    if (row === 'conflict') throw new ConflictError('A meeting place of that name exists', { field: 'name' });
    if (!row) throw new NotFoundError('Meeting place not found');
    return row;
  }
}
