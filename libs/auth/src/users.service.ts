import { Role } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { ConflictError, isUniqueViolation, NotFoundError, Page, RuleViolationError } from '@bro/platform';
import type { EntityManager } from 'typeorm';
import { AuthRepository } from './auth.repository';
import { CreateUserDto, UpdateUserDto } from './dto/create-user.dto';
import { DEFAULT_ORGANISATION_KIND, OrganisationKind } from './organisation-kinds';
import { Actor } from './roles';
import { TokenService } from './token.service';
import { User } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: AuthRepository,
    private readonly tokens: TokenService,
  ) {}

  /** The user behind a verified token, if still active and still what the token says. */
  async resolveActor(claims: { sub: string; role: string; municipality: string }, requestId?: string): Promise<Actor | null> {
    if (!UUID.test(claims.sub) || !UUID.test(claims.municipality)) return null;
    const user = await this.users.user(claims.sub, claims.municipality);
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
    const user = await this.users.activeUserNamed(username);
    if (!user) throw new NotFoundError('No active user with that username');
    const accessToken = await this.tokens.mintDevToken({ sub: user.id, role: user.role, municipality: user.municipalityId });
    return { accessToken };
  }

  async me(actor: Actor) {
    return toView(await this.users.userOrFail(actor.userId, actor.municipalityId));
  }

  /** `POST /v1/users`: a coordinator creates a referrer or coordinator of their municipality. */
  async register(actor: Actor, dto: CreateUserDto): Promise<ReturnType<typeof toView>> {
    return this.users.transaction((m) => this.create(m, actor.municipalityId, dto));
  }

  /** Creates a user of a municipality, in the caller's transaction (409 if the username is taken). */
  async create(
    manager: EntityManager,
    municipalityId: string,
    input: { username: string; displayName: string; role: Role; organisation?: string | null; organisationKind?: OrganisationKind },
  ): Promise<ReturnType<typeof toView>> {
    const organisationKind = input.organisationKind ?? (input.role === 'referrer' ? DEFAULT_ORGANISATION_KIND : null);
    try {
      const id = await this.users.insertUser(manager, {
        municipalityId,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        organisation: input.organisation ?? null,
        organisationKind,
      });
      return toView({ ...input, id, municipalityId, organisation: input.organisation ?? null, organisationKind });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('A user with that username already exists');
      throw err;
    }
  }

  /** `GET /v1/users`: the municipality's users with their active flag (coordinators). */
  async list(actor: Actor): Promise<Page<UserAdminView>> {
    const users = await this.users.usersOf(actor.municipalityId);
    return { items: users.map(toAdminView), total: users.length };
  }

  /**
   * Changes a user of the caller's municipality in the caller's transaction (404 for
   * anyone else's). Deactivation takes effect on the user's next request: the guard
   * reads the user on every request and dev tokens are issued to active users only.
   */
  async update(manager: EntityManager, actor: Actor, id: string, dto: UpdateUserDto): Promise<UserAdminView> {
    if (dto.active === false && id === actor.userId) {
      throw new RuleViolationError('You cannot deactivate yourself; ask another coordinator', { field: 'active' });
    }
    const rows = await this.users.updateUser(manager, id, actor.municipalityId, {
      active: dto.active ?? null,
      displayName: dto.displayName ?? null,
      organisation: dto.organisation ?? null,
    });
    if (rows.length === 0) throw new NotFoundError('User not found');
    return toAdminView(rows[0]);
  }

  /** Username and display name of users of one municipality, for views. */
  async profiles(
    municipalityId: string,
    ids: string[],
    manager?: EntityManager,
  ): Promise<Map<string, { username: string; displayName: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.users.profiles(municipalityId, ids, manager);
    return new Map(rows.map((u) => [u.id, { username: u.username, displayName: u.displayName }]));
  }
}

function toView(user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'municipalityId' | 'organisation' | 'organisationKind'>) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    municipalityId: user.municipalityId,
    organisation: user.organisation,
    organisationKind: user.organisationKind,
  };
}

export type UserAdminView = ReturnType<typeof toView> & { active: boolean };

function toAdminView(user: Parameters<typeof toView>[0] & { active: boolean }): UserAdminView {
  return { ...toView(user), active: user.active };
}
