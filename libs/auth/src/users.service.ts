import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError } from '@bro/platform';
import { Repository } from 'typeorm';
import { Actor } from './roles';
import { TokenService } from './token.service';
import { User } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
  ) {}

  /** The user behind a verified token, if still active and still what the token says. */
  async resolveActor(claims: { sub: string; role: string; municipality: string }, requestId?: string): Promise<Actor | null> {
    if (!UUID.test(claims.sub) || !UUID.test(claims.municipality)) return null;
    const user = await this.users.findOneBy({ id: claims.sub, municipalityId: claims.municipality });
    if (!user || !user.active || user.role !== claims.role) return null;
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      municipalityId: user.municipalityId,
      organisation: user.organisation,
      requestId,
    };
  }

  /** `POST /v1/auth/dev-token`: a token for any existing active user (dev mode only). */
  async devToken(username: string): Promise<{ accessToken: string }> {
    if (!this.tokens.devMode) throw new NotFoundError('Not found');
    const user = await this.users.findOneBy({ username, active: true });
    if (!user) throw new NotFoundError('No active user with that username');
    const accessToken = await this.tokens.mintDevToken({ sub: user.id, role: user.role, municipality: user.municipalityId });
    return { accessToken };
  }

  async me(actor: Actor) {
    const user = await this.users.findOneByOrFail({ id: actor.userId, municipalityId: actor.municipalityId });
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      municipalityId: user.municipalityId,
      organisation: user.organisation,
    };
  }

  /** Display names of users of one municipality, for views. */
  async displayNames(municipalityId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.displayName'])
      .where('u.municipality_id = :municipalityId AND u.id IN (:...ids)', { municipalityId, ids })
      .getMany();
    return new Map(rows.map((u) => [u.id, u.displayName]));
  }
}
